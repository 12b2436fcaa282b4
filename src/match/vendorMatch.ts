import { Vendor } from "../catalog/types";
import { CatalogIndex, IdentifierHit } from "./catalogIndex";
import { Facts } from "./facts";

/** All that a reference matched of one vendor, and whether the exempt categories allow it. */
export interface VendorMatch {
  vendor: Vendor;
  hits: IdentifierHit[];
  /** False only when every hit is on a product whose category the vendor's restriction exempts. */
  restricted: boolean;
}

export function matchVendors(index: CatalogIndex, facts: Facts): VendorMatch[] {
  const byVendor = new Map<Vendor, IdentifierHit[]>();
  for (const hit of index.lookup(facts)) {
    const hits = byVendor.get(hit.owner.vendor);
    if (hits) hits.push(hit);
    else byVendor.set(hit.owner.vendor, [hit]);
  }
  return [...byVendor].map(([vendor, hits]) => ({
    vendor,
    hits,
    restricted: hits.some((hit) => !isExemptHit(vendor, hit)),
  }));
}

function isExemptHit(vendor: Vendor, hit: IdentifierHit): boolean {
  return hit.owner.product !== undefined && vendor.exemptCategories.includes(hit.owner.product.category);
}

/** The hit to name in a message: a restricting one when there is one. */
export function decisiveHit(match: VendorMatch): IdentifierHit {
  return match.hits.find((hit) => !isExemptHit(match.vendor, hit)) ?? match.hits[0];
}
