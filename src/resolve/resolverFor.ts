import { Settings } from "../config/settings";
import { configuredCaches, throughCaches } from "./pullThroughCaches";
import { Reference, ResourceInput } from "../extract/types";
import { resolveOffline } from "./offlineResolver";
import { resolveOnline } from "./online/onlineResolver";
import { ResolvedReference, Resolver } from "./types";

/**
 * The resolver a configuration asks for. Images under a configured pull-through cache (`pullThroughCaches`)
 * first gain their upstream image's facts; AMI ids are then resolved through the inventory alone, or the
 * inventory then EC2 DescribeImages (`amiResolution: "aws"`).
 */
export function resolverFor(settings: Settings): Resolver {
  let resolver = resolvers.get(settings);
  if (!resolver) resolvers.set(settings, (resolver = buildResolver(settings)));
  return resolver;
}

// Settings are compiled once per configuration and never change, so each gets one resolver, not one per Analyze.
const resolvers = new WeakMap<Settings, Resolver>();

function buildResolver(settings: Settings): Resolver {
  const caches = configuredCaches(settings.pullThroughCaches);
  const resolveOne = (reference: Reference, resource?: ResourceInput): Promise<ResolvedReference> | ResolvedReference =>
    settings.amiResolution === "aws" ? resolveOnline(reference, resource, settings) : resolveOffline(reference, settings.inventory);
  return {
    resolve: (references: Reference[], resource?: ResourceInput) =>
      Promise.all(references.map((reference) => resolveOne(throughCaches(reference, caches), resource))),
  };
}
