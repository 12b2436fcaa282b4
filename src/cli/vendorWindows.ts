import type { Catalog, Vendor } from "../catalog/types";
import { parseInstant } from "../util/instant";

/** The vendors a policy's config sees: the pack's catalog plus its additionalVendors. */
export function vendorsFor(catalog: Catalog, policyProperties: Record<string, unknown> | undefined): Map<string, Vendor> {
  const additional = Array.isArray(policyProperties?.additionalVendors) ? (policyProperties!.additionalVendors as Vendor[]) : [];
  return new Map([...catalog.vendors, ...additional].map((v) => [v.id, v]));
}

/** The start of the vendor's first deny-new window: resources that existed before it can be grandfathered. */
export function denyNewFrom(vendor: Vendor): Date | undefined {
  const starts = vendor.windows
    .filter((w) => w.action === "deny-new")
    .map((w) => parseInstant(w.from))
    .filter((d): d is Date => d !== undefined)
    .sort((a, b) => a.getTime() - b.getTime());
  return starts[0];
}
