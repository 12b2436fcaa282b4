import { IdentifierKey } from "../catalog/types";
import { Facts } from "../match/facts";

/** A resource as every stage sees it: raw properties, unknown values still marked as such. */
export interface ResourceInput {
  type: string;
  urn: string;
  name: string;
  props: Record<string, unknown>;
  /** The explicit or default provider's configuration, e.g. to learn an AWS region. */
  providerProps?: Record<string, unknown>;
  /** The Pulumi program's directory when known (config `programDirectory`): relative build paths resolve against it. */
  programDirectory?: string;
  /**
   * Whether a text can name anything the configured catalog matches (evaluate/prefilter): text readers skip a text
   * it rules out. Absent, every text is read.
   */
  mayName?: (text: string) => boolean;
  /** In the stack pass only: the resources each top-level property is computed from. */
  propertyDependencies?: Record<string, Array<{ urn: string; type: string }>>;
}

export type ReferenceKind =
  | "ami"
  | "image-builder-image"
  | "ssm-parameter"
  | "container-image"
  | "image-in-text"
  | "helm-chart"
  | "marketplace-arn"
  | "azure-image"
  | "azure-plan"
  | "gcp-image"
  | "software-download"
  | "azure-extension";

/** Something a resource points at that may belong to a vendor. `value` is the only text a message may quote. */
export interface Reference {
  kind: ReferenceKind;
  path: string;
  value: string;
  /** Identifiers known from the reference itself, before any lookup. */
  facts: Facts;
  /** How the reference was read, for the message, e.g. "pull-through cache 'docker-hub' of docker.io". */
  note?: string;
  /** For a registry setting (a chart's `global.imageRegistry`): the "host/path" its images are pulled under. */
  registryBase?: string;
}

/** A place where a reference would be, whose value is not known during preview. */
export interface UnknownReference {
  kind: "unknown";
  path: string;
  expected: string;
  /** The identifier families a known value could have matched: only vendors with such identifiers make it a problem. */
  couldMatch: IdentifierKey[];
  /**
   * When part of the value is known (an Azure listing's publisher, but not its offer): only identifiers below
   * that prefix could have matched, so only vendors with one make it a problem.
   */
  below?: string;
  /** A value that is known but names no vendor the pack can see (an AWS Marketplace product ID), and what to use instead. */
  unresolvable?: { value: string; action: string };
}

/**
 * Text that should hold a reference but does not parse as one, or (with `limit`) a part of the resource that a
 * scan limit left unread. `value` is only the word that failed to parse, or a description: never the text around it.
 */
export interface UnparseableReference {
  kind: "unparseable";
  path: string;
  value: string;
  expected: string;
  problem: string;
  limit?: true;
}

export type Extracted = Reference | UnknownReference | UnparseableReference;

/** Finds references in one family of resource types. */
export interface Extractor {
  /** What the extractor covers, for docs/coverage.md (npm run docs): type token → property paths. */
  readonly coverage: ReadonlyArray<{ type: string; paths: string[] }>;
  appliesTo(type: string): boolean;
  extract(resource: ResourceInput): Extracted[];
}
