import { IndexKind, identifierFamilies } from "../catalog/identifierFamilies";
import { IdentifierKey, Identifiers, Product, Vendor } from "../catalog/types";
import { Facts } from "./facts";
import { ExactIndex, HostGlobIndex, PathSuffixIndex, PrefixGlobIndex, SegmentGlobIndex } from "./patternIndexes";

/** Whose identifier matched: the vendor itself, or one of its products. */
interface IdentifierOwner {
  vendor: Vendor;
  product?: Product;
}

export interface IdentifierHit {
  owner: IdentifierOwner;
  identifier: IdentifierKey;
  /** The catalog's pattern or value that matched. */
  pattern: string;
  /** The fact it matched, e.g. the normalized repository. */
  value: string;
}

interface Lookup {
  add(pattern: string, owner: IdentifierOwner): void;
  lookup(value: string): Array<{ pattern: string; owner: IdentifierOwner }>;
}

const lowerCase = (v: string) => v.toLowerCase();

const INDEXES: Record<IndexKind, () => Lookup> = {
  exact: () => new ExactIndex(),
  "exact-any-case": () => new ExactIndex(lowerCase),
  "name-glob": () => new PrefixGlobIndex(),
  "repository-glob": () => new SegmentGlobIndex(),
  "repository-path": () => new PathSuffixIndex(),
  "host-glob": () => new HostGlobIndex(),
};

/** Which fact each identifier family is matched against, and how. */
const FAMILIES = identifierFamilies().map((family) => ({ identifier: family.key, fact: family.fact, index: INDEXES[family.index] }));

/**
 * The catalog compiled once into one index per identifier family, so that the cost of a lookup
 * depends on the reference, not on how many vendors the catalog holds.
 */
export class CatalogIndex {
  private readonly indexes = new Map<IdentifierKey, Lookup>();

  constructor(readonly vendors: readonly Vendor[]) {
    for (const family of FAMILIES) this.indexes.set(family.identifier, family.index());
    for (const vendor of vendors) {
      this.addIdentifiers(vendor.identifiers, { vendor });
      for (const product of vendor.products ?? []) this.addIdentifiers(product.identifiers, { vendor, product });
    }
  }

  lookup(facts: Facts): IdentifierHit[] {
    const hits: IdentifierHit[] = [];
    for (const family of FAMILIES) {
      for (const value of facts[family.fact] ?? []) {
        for (const { pattern, owner } of this.indexes.get(family.identifier)!.lookup(value)) {
          hits.push({ owner, identifier: family.identifier, pattern, value });
        }
      }
    }
    return hits;
  }

  private addIdentifiers(identifiers: Identifiers, owner: IdentifierOwner): void {
    for (const family of FAMILIES) {
      for (const pattern of identifiers[family.identifier] ?? []) this.indexes.get(family.identifier)!.add(pattern, owner);
    }
  }
}
