import { Extractor, UnknownReference, UnparseableReference } from "../extract/types";
import { ResolvedReference } from "../resolve/types";

/** What one policy looks at, and which of the references found it answers for. */
export interface PolicyScope {
  policyName: string;
  extractors: readonly Extractor[];
  /** Several policies share extractors (an AMI may be a marketplace listing); each reference is reported once. */
  owns(item: ResolvedReference | UnknownReference | UnparseableReference): boolean;
}

export function isResolved(item: ResolvedReference | UnknownReference | UnparseableReference): item is ResolvedReference {
  return "reference" in item;
}
