import { Settings, evaluationInstant } from "../config/settings";
import { decide, decideUnknown, unknownsWaitForStackPass } from "../decide/decision";
import { RunPhase } from "../decide/phase";
import { Extracted, Reference, ResourceInput, UnknownReference, UnparseableReference } from "../extract/types";
import { prefilterFor } from "./prefilter";
import { matchVendors } from "../match/vendorMatch";
import { decisionFinding, lookupFailureFinding, unknownFinding, unparseableFinding } from "../report/messages";
import { Finding } from "../report/finding";
import { Resolver, UNVERIFIED_FAMILIES } from "../resolve/types";
import { dedupe } from "../util/dedupe";
import { PolicyScope } from "./scope";

/** Every extractor of the scope that applies, reading only the text the configuration's prefilter lets through. */
export function extractAll(resource: ResourceInput, scope: PolicyScope, settings: Settings): Extracted[] {
  const input = { ...resource, mayName: prefilterFor(settings) };
  const found: Extracted[] = [];
  for (const extractor of scope.extractors) if (extractor.appliesTo(resource.type)) for (const item of extractor.extract(input)) found.push(item);
  return found;
}

/** resource → references → resolved → matched → decided → findings, for one policy. */
export function evaluateResource(resource: ResourceInput, scope: PolicyScope, settings: Settings, resolver: Resolver, phase: RunPhase): Promise<Finding[]> {
  return evaluateReferences(resource, extractAll(resource, scope, settings), scope, settings, resolver, phase);
}

/** The same from references already found, by a stack pass that sees what no single resource reveals. */
export async function evaluateReferences(
  resource: ResourceInput,
  extracted: Extracted[],
  scope: PolicyScope,
  settings: Settings,
  resolver: Resolver,
  phase: RunPhase,
): Promise<Finding[]> {
  if (extracted.length === 0) return [];
  const asOf = evaluationInstant(settings);
  const findings: Finding[] = [];
  const references: Reference[] = [];
  for (const item of extracted) {
    if (item.kind === "unknown") {
      const unknown = item as UnknownReference;
      if (!scope.owns(unknown)) continue;
      // A known value that names no vendor stays as it is during the update: it is reported now.
      if (!unknown.unresolvable && unknownsWaitForStackPass(settings, phase)) continue;
      const concerned = decideUnknown(unknown.couldMatch, resource.urn, settings, asOf, unknown.below);
      if (concerned) findings.push(unknownFinding(unknown, concerned));
    } else if (item.kind === "unparseable") {
      if (scope.owns(item)) findings.push(unparseableFinding(item as UnparseableReference));
    } else {
      references.push(item);
    }
  }
  for (const resolved of await resolver.resolve(
    dedupe(references, (r) => `${r.path}\u0000${r.kind}\u0000${r.value}`),
    resource,
  )) {
    if (!scope.owns(resolved)) continue;
    if (resolved.lookupFailure) {
      // Unverified is not allowed: once a window is active, a failed lookup is reported as an unknown value is.
      const concerned = decideUnknown(UNVERIFIED_FAMILIES, resource.urn, settings, asOf);
      if (concerned) findings.push(lookupFailureFinding(resolved, concerned));
    }
    for (const match of matchVendors(settings.index, resolved.facts)) {
      const decision = decide(match, resource.urn, settings, asOf);
      if (decision) findings.push(decisionFinding(decision, match, resolved, scope.policyName, resource.urn));
    }
  }
  return findings;
}
