import { FactKey } from "../catalog/identifierFamilies";

/** What a reference is known to be, in the vocabulary the catalog's identifiers match against (see identifierFamilies.ts). */
export type Facts = { [Fact in FactKey]?: string[] };
