import { IdentifierKey } from "./identifierFamilies";

export type { IdentifierKey };

/** The identifier families a vendor (or one of its products) can be recognised by: see identifierFamilies.ts. */
export type Identifiers = { [Key in IdentifierKey]?: string[] };

export type WindowAction = "warn" | "deny-new" | "deny";

interface LegalBasis {
  title: string;
  citation: string;
  url: string;
}

export interface EnforcementWindow {
  from: string;
  action: WindowAction;
  until?: string;
}

/** Where an identifier was seen, so that a reviewer can check it again. */
export interface Source {
  url: string;
  /** official: the vendor's or the cloud provider's own documentation or code; third-party: anyone else's. */
  kind: "official" | "third-party";
  /** The day the source was last read (YYYY-MM-DD). */
  checked: string;
}

export interface Product {
  name: string;
  category: string;
  identifiers: Identifiers;
  sources?: Source[];
}

export interface Vendor {
  id: string;
  name: string;
  legalBasis: LegalBasis[];
  windows: EnforcementWindow[];
  exemptCategories: string[];
  identifiers: Identifiers;
  products?: Product[];
  /** Sources of the vendor's own identifiers (a product's are with the product). */
  sources?: Source[];
  /** Free text kept with the catalog entry (sources, caveats); never used for matching. */
  notes?: string;
}

export interface Catalog {
  version: string;
  /** sha256 of the vendors as canonical JSON: a test ties each content to one version (see catalogVersions.json). */
  contentHash?: string;
  vendors: Vendor[];
}
