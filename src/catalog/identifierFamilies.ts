/** Views of the identifier family table (identifierFamilyTable.ts) that the catalog, match, extract and report stages read. */
import { IDENTIFIER_FAMILIES, IdentifierFamily } from "./identifierFamilyTable";

export type { IdentifierFamily, IndexKind } from "./identifierFamilyTable";

export type IdentifierKey = keyof typeof IDENTIFIER_FAMILIES;

/** The facts a reference can carry: the ones some family is matched against. */
export type FactKey = (typeof IDENTIFIER_FAMILIES)[IdentifierKey]["fact"];

/** Each family with its key, in the table's order. */
export function identifierFamilies(): Array<IdentifierFamily & { key: IdentifierKey; fact: FactKey }> {
  return (Object.keys(IDENTIFIER_FAMILIES) as IdentifierKey[]).map((key) => ({ key, ...IDENTIFIER_FAMILIES[key] }));
}

/** A table with one entry per family, built from each family's row. */
export function perFamily<T>(entry: (family: IdentifierFamily) => T): Record<IdentifierKey, T> {
  return Object.fromEntries(identifierFamilies().map((family) => [family.key, entry(family)])) as Record<IdentifierKey, T>;
}

/**
 * The families a value unknown during preview could have matched, given the facts its reference would carry:
 * every family matched against one of them (an image's repository is also matched by repositoryPaths).
 */
export function familiesOnFacts(...facts: FactKey[]): IdentifierKey[] {
  return identifierFamilies()
    .filter((family) => facts.includes(family.fact))
    .map((family) => family.key);
}
