import { Settings } from "../src/config/settings";
import { RunPhase } from "../src/decide/phase";
import { evaluateReferences } from "../src/evaluate/evaluateResource";
import { PolicyScope, policyScope } from "../src/evaluate/scope";
import { containerImageExtractor } from "../src/extract/container/containerImages";
import { fluxStackReferences } from "../src/extract/gitops/fluxStackSources";
import { PullThroughCaches, configuredCaches, stackCacheRules } from "../src/resolve/pullThroughCaches";
import { Reference, ResourceInput } from "../src/extract/types";
import { Finding } from "../src/report/finding";
import { resolverFor } from "../src/resolve/resolverFor";
import { PolicyMetadata } from "./restrictedVendorPolicy";

export const containerImageMetadata: PolicyMetadata = {
  name: "restricted-vendor-container-image",
  description:
    "Container images and Helm charts must not come from a vendor that a law or the organisation restricts, whatever registry, mirror or cache they are pulled through.",
  remediationSteps:
    "Replace the image or chart with one from a vendor that is not restricted, including images pulled through mirrors and pull-through caches. For an approved use add an `exemptions` entry with a reason and an expiry date.",
  severity: "critical",
};

export const containerImageScope: PolicyScope = policyScope({
  policyName: containerImageMetadata.name,
  extractors: [containerImageExtractor],
  reportsListings: false,
  evaluateStack: async (resources, settings, phase) => [
    ...(await throughStackCaches(resources, settings, phase)),
    ...(await fluxStackSources(resources, settings, phase)),
  ],
});

/**
 * The charts Flux `HelmRelease`s install from a `HelmRepository` or `OCIRepository` of the same stack, and the values
 * they take from its ConfigMaps, which no single resource reveals.
 */
async function fluxStackSources(resources: ResourceInput[], settings: Settings, phase: RunPhase): Promise<Array<{ urn: string; finding: Finding }>> {
  const found = fluxStackReferences(resources);
  const resolver = resolverFor(settings);
  const findings: Array<{ urn: string; finding: Finding }> = [];
  for (const { resource, items } of found) {
    for (const finding of await evaluateReferences(resource, items, containerImageScope, settings, resolver, phase))
      findings.push({ urn: resource.urn, finding });
  }
  return findings;
}

/**
 * Images pulled through an `aws.ecr.PullThroughCacheRule` of the same stack, which no single resource reveals.
 * Only the upstream image is evaluated here: the cache's own facts were evaluated with the resource, and
 * images under a configured cache (`pullThroughCaches`) were mapped there too.
 */
async function throughStackCaches(resources: ResourceInput[], settings: Settings, phase: RunPhase): Promise<Array<{ urn: string; finding: Finding }>> {
  const rules = stackCacheRules(resources);
  if (rules.length === 0) return [];
  const stackCaches = new PullThroughCaches(rules);
  const configured = configuredCaches(settings.pullThroughCaches);
  const resolver = resolverFor(settings);
  const findings: Array<{ urn: string; finding: Finding }> = [];
  for (const resource of resources) {
    const upstream = containerImageExtractor
      .extract(resource)
      .filter((item): item is Reference => item.kind !== "unknown" && item.kind !== "unparseable")
      .filter((reference) => configured.upstreamOf(reference) === undefined)
      .flatMap((reference): Reference[] => {
        const mapped = stackCaches.upstreamOf(reference);
        return mapped ? [{ ...reference, facts: mapped.facts, note: [reference.note, mapped.note].filter(Boolean).join("; ") }] : [];
      });
    if (upstream.length === 0) continue;
    for (const finding of await evaluateReferences(resource, upstream, containerImageScope, settings, resolver, phase))
      findings.push({ urn: resource.urn, finding });
  }
  return findings;
}
