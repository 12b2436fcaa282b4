import { Settings, evaluationInstant } from "../config/settings";
import { decideUnknown } from "../decide/decision";
import { ResourceInput, UnknownReference } from "../extract/types";
import { holdsUnknown } from "../props/unknown";
import { Finding } from "../report/finding";
import { previewUnknownFinding } from "../report/messages";
import { extractAll } from "./evaluateResource";
import { PolicyScope } from "./scope";

/**
 * Resources whose image the pack checks on the resource itself (the FROM lines of the Dockerfile it builds, or
 * the image it pulls), so that a value computed only from them holds nothing the pack has not seen. awsx's
 * ecr.Image is a component: in a real preview the engine also sends the image build inside it.
 */
const CHECKED_IMAGE_PRODUCERS: ReadonlySet<string> = new Set([
  "docker:index/image:Image",
  "docker:index/remoteImage:RemoteImage",
  "docker-build:index:Image",
  "awsx:ecr:Image",
]);

/** The top-level property a path starts with: the engine records dependencies per top-level property. */
function topLevelProperty(path: string): string {
  return /^[^.[]*/.exec(path)![0];
}

/**
 * The stack pass at preview: every value unknown during preview that could name a restricted vendor, as an
 * advisory naming what it is computed from. A value computed only from images this stack builds or pulls needs no
 * word: those images are checked on their own resources, and the update checks the resolved value again.
 */
export function previewUnknowns(resources: ResourceInput[], scope: PolicyScope, settings: Settings): Array<{ urn: string; finding: Finding }> {
  const asOf = evaluationInstant(settings);
  const findings: Array<{ urn: string; finding: Finding }> = [];
  for (const resource of resources) {
    // Every unknown an extractor reports stands for a sentinel in the properties: a resource without one has none.
    if (!holdsUnknown(resource.props)) continue;
    for (const item of extractAll(resource, scope, settings)) {
      if (item.kind !== "unknown") continue;
      const unknown = item as UnknownReference;
      if (unknown.unresolvable || !scope.owns(unknown)) continue;
      const concerned = decideUnknown(unknown.couldMatch, resource.urn, settings, asOf, unknown.below);
      if (!concerned) continue;
      const sources = resource.propertyDependencies?.[topLevelProperty(unknown.path)] ?? [];
      if (sources.length > 0 && sources.every((source) => CHECKED_IMAGE_PRODUCERS.has(source.type))) continue;
      findings.push({ urn: resource.urn, finding: previewUnknownFinding(unknown, concerned.vendors, sources) });
    }
  }
  return findings;
}
