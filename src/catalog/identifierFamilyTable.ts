import { AMI_ID, AWS_ACCOUNT_ID } from "../reference/aws";

/** One family of identifiers a vendor can be recognised by. */
export interface IdentifierFamily {
  /** The fact of a reference the family is matched against; families may share a fact. */
  fact: string;
  index: IndexKind;
  /** What each catalog value must look like, and how a catalog error names that shape. */
  pattern?: RegExp;
  patternHint?: string;
  /** How a finding's "matched" line names an identifier of the family. */
  label: string;
  /** The catalog schema's description of the family. */
  description: string;
}

/**
 * How a family's values are compiled for lookup (see match/catalogIndex): exact values, exact values compared
 * in lower case, name globs ("*" = any run), "host/path" globs, repository paths under any host, host globs.
 */
export type IndexKind = "exact" | "exact-any-case" | "name-glob" | "repository-glob" | "repository-path" | "host-glob";

/**
 * Every identifier family, in one table: the catalog's schema and types, the reference facts, the match index,
 * the messages' labels and the extractors' lists of what an unknown value could match are derived from it
 * (identifierFamilies.ts), so a new family is one row here.
 */
export const IDENTIFIER_FAMILIES = {
  awsAccountIds: {
    fact: "awsAccountIds",
    index: "exact",
    pattern: AWS_ACCOUNT_ID,
    patternHint: "a 12-digit AWS account id",
    label: "AWS account",
    description: "12-digit AWS accounts: AMI owners, ECR registries, the account field of ARNs",
  },
  amiIds: {
    fact: "amiIds",
    index: "exact-any-case",
    pattern: AMI_ID,
    patternHint: "an AMI id such as ami-0123456789abcdef0",
    label: "AMI id",
    description: "AMI ids",
  },
  amiNamePatterns: { fact: "amiNames", index: "name-glob", label: "AMI name pattern", description: "Globs on the AMI name ('*' = any run of characters)" },
  marketplaceProductCodes: {
    fact: "marketplaceProductCodes",
    index: "exact-any-case",
    pattern: /^[a-z0-9]{1,25}$/,
    patternHint: "an AWS Marketplace product code (1-25 lower-case alphanumerics)",
    label: "AWS Marketplace product code",
    description: "AWS Marketplace product codes (not the prodview id)",
  },
  marketplaceSellers: {
    fact: "marketplaceSellers",
    index: "exact-any-case",
    label: "AWS Marketplace seller",
    description: "Seller segment under the AWS Marketplace container registry",
  },
  azurePublishers: { fact: "azurePublishers", index: "exact-any-case", label: "Azure publisher", description: "Azure Marketplace publisher ids" },
  gcpImageProjects: { fact: "gcpImageProjects", index: "exact", label: "GCP image project", description: "GCP image projects" },
  // The fact is the normalized "host/path" of an image, without tag or digest.
  imageRepositories: {
    fact: "imageRepositories",
    index: "repository-glob",
    label: "image repository pattern",
    description: 'Globs on normalized "host/path": "*" = one path segment, "**" = any number',
  },
  repositoryPaths: {
    fact: "imageRepositories",
    index: "repository-path",
    // Two or more segments: a single name ("scanner") would match every namespace's image of that name.
    pattern: /^[^/*\s]+(\/[^/*\s]+)+$/,
    patternHint: 'a repository path of two or more segments without wildcards, such as "vendor/scanner"',
    label: "repository path (under any registry)",
    description:
      'Repository paths matched under any registry host, as the path or its last segments: "vendor/scanner" matches "docker.io/vendor/scanner" and "registry.corp.example/mirror/vendor/scanner"',
  },
  // The fact is the lower-case host, with its port when one was given.
  registryHosts: {
    fact: "registryHosts",
    index: "host-glob",
    label: "registry host pattern",
    description: 'Registry host globs: "*.example.com" matches its sub-domains; matched wherever the host is named',
  },
  // The fact is the host (with its port when one was given) that a download or install command fetches from.
  downloadHosts: {
    fact: "downloadHosts",
    index: "host-glob",
    label: "download host pattern",
    description:
      "Host globs of software downloads: matched only where software is downloaded or installed (startup scripts, extension file URIs), never in tags or descriptions",
  },
  // The fact is a VM extension's "publisher" and "publisher:type".
  azureExtensionPublishers: {
    fact: "azureExtensionPublishers",
    index: "exact-any-case",
    label: "Azure VM extension publisher",
    description: 'Azure VM extension publishers, as "publisher" or "publisher:type" (e.g. "Microsoft.Azure.Security:IaaSAntimalware")',
  },
} as const satisfies Record<string, IdentifierFamily>;
