import { Settings } from "../config/settings";
import { RunPhase } from "../decide/phase";
import { Extractor, ReferenceKind, ResourceInput, UnknownReference, UnparseableReference } from "../extract/types";
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
  evaluateStack?(resources: ResourceInput[], settings: Settings, phase: RunPhase): Promise<Array<{ urn: string; finding: Finding }>>;
}

/** Another policy's extractor, read here only for the references of the given kinds that are listings. */
interface BorrowedExtractor {
  extractor: Extractor;
  kinds: ReadonlySet<ReferenceKind>;
}

interface ScopeDefinition {
  policyName: string;
  extractors: readonly Extractor[];
  /** Whether this policy reports every reference that resolves to a marketplace listing, whichever policy found it. */
  reportsListings: boolean;
  borrowed?: readonly BorrowedExtractor[];
  evaluateStack?: PolicyScope["evaluateStack"];
}

function isResolved(item: ResolvedReference | UnknownReference | UnparseableReference): item is ResolvedReference {
  return "reference" in item;
}

/**
 * The one rule for which policy reports a reference, so that one AMI or image yields one diagnostic: a reference that
 * resolves to a marketplace listing is reported by the policy that reports listings, whichever policy found it;
 * anything else by the policy whose own extractor found it. A borrowed extractor's unknown and malformed values stay
 * with the policy it belongs to.
 */
export function policyScope(definition: ScopeDefinition): PolicyScope {
  const borrowed = definition.borrowed ?? [];
  const borrowedKinds = new Set(borrowed.flatMap(({ kinds }) => [...kinds]));
  return {
    policyName: definition.policyName,
    extractors: [...borrowed.map(knownReferencesOf), ...definition.extractors],
    owns: (item) => {
      if (!isResolved(item)) return true;
      return item.marketplace ? definition.reportsListings : !borrowedKinds.has(item.reference.kind);
    },
    evaluateStack: definition.evaluateStack,
  };
}

function knownReferencesOf({ extractor, kinds }: BorrowedExtractor): Extractor {
  return { ...extractor, extract: (resource) => extractor.extract(resource).filter((item) => kinds.has(item.kind as ReferenceKind)) };
}
