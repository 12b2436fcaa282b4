import { Settings } from "../config/settings";
import { Extractor, ResourceInput, UnknownReference, UnparseableReference } from "../extract/types";
import { Finding } from "../report/finding";
import { ResolvedReference } from "../resolve/types";

/** What one policy looks at, and which of the references found it answers for. */
export interface PolicyScope {
  policyName: string;
  extractors: readonly Extractor[];
  /** Several policies share extractors (an AMI may be a marketplace listing); each reference is reported once. */
  owns(item: ResolvedReference | UnknownReference | UnparseableReference): boolean;
  /**
   * Findings only the whole stack can reveal (for example an image pulled through an ECR pull-through
   * cache rule declared in the same stack). Runs at AnalyzeStack; must not repeat per-resource findings.
   */
  evaluateStack?(resources: ResourceInput[], settings: Settings): Promise<Array<{ urn: string; finding: Finding }>>;
}

export function isResolved(item: ResolvedReference | UnknownReference | UnparseableReference): item is ResolvedReference {
  return "reference" in item;
}
