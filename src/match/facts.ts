/** What a reference is known to be, in the vocabulary the catalog's identifiers match against. */
export interface Facts {
  awsAccountIds?: string[];
  amiIds?: string[];
  amiNames?: string[];
  marketplaceProductCodes?: string[];
  marketplaceSellers?: string[];
  azurePublishers?: string[];
  gcpImageProjects?: string[];
  /** Normalized "host/path" without tag or digest. */
  imageRepositories?: string[];
  /** Lower-case host, with port when one was given. */
  registryHosts?: string[];
  /** Host (with port when one was given) that a download or install command fetches from. */
  downloadHosts?: string[];
  /** A VM extension's "publisher" and "publisher:type". */
  azureExtensionPublishers?: string[];
}
