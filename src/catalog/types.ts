/** The identifier families a vendor (or one of its products) can be recognised by. */
export interface Identifiers {
  awsAccountIds?: string[];
  amiIds?: string[];
  amiNamePatterns?: string[];
  marketplaceProductCodes?: string[];
  marketplaceSellers?: string[];
  azurePublishers?: string[];
  gcpImageProjects?: string[];
  imageRepositories?: string[];
  registryHosts?: string[];
}

export type IdentifierKey = keyof Identifiers;

export type WindowAction = "warn" | "deny-new" | "deny";

export interface LegalBasis {
  title: string;
  citation: string;
  url: string;
}

export interface EnforcementWindow {
  from: string;
  action: WindowAction;
  until?: string;
}

export interface Product {
  name: string;
  category: string;
  identifiers: Identifiers;
}

export interface Vendor {
  id: string;
  name: string;
  legalBasis: LegalBasis[];
  windows: EnforcementWindow[];
  exemptCategories: string[];
  identifiers: Identifiers;
  products?: Product[];
  /** Free text kept with the catalog entry (sources, caveats); never used for matching. */
  notes?: string;
}

export interface Catalog {
  version: string;
  vendors: Vendor[];
}
