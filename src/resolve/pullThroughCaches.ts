import { PullThroughCache } from "../config/settings";
import { mergeFacts } from "./amiInventory";
import { HostGlobIndex } from "../match/patternIndexes";
import { Facts } from "../match/facts";
import { isUnknown } from "../props/unknown";
import { Reference, ResourceInput } from "../extract/types";
import { trimEnd, withoutCredentials } from "../extract/quote";
import { hostFacts, imageFacts } from "../extract/container/imageFacts";
import { ecrRegistryHostPatterns } from "../reference/aws";
import { isValidDomain } from "../reference/host";
import { parseImageReference, repositoryOf } from "../reference/image";
import { withoutScheme } from "../reference/url";

/** A cache that serves `<registry>/<prefix>/<rest>` from `<upstream>/<rest>`, and where the rule was declared. */
interface CacheRule extends PullThroughCache {
  origin: string;
}

// ECR's prefix for a rule that applies to every repository without a rule of its own.
const ROOT_PREFIX = "ROOT";
const PULL_THROUGH_CACHE_RULE = "aws:ecr/pullThroughCacheRule:PullThroughCacheRule";

/**
 * Pull-through caches (ECR rules, or any mirror configured the same way) compiled once: an image under a
 * cache's prefix is the upstream image, and is matched as such. The longest matching prefix wins, as in ECR.
 */
export class PullThroughCaches {
  private readonly hosts = new HostGlobIndex<CompiledRule>();
  readonly size: number;

  constructor(rules: readonly CacheRule[]) {
    for (const rule of rules) this.hosts.add(rule.registry, compileRule(rule));
    this.size = rules.length;
  }

  /** The upstream image and its facts, for a reference whose repository sits under a cache prefix. */
  upstreamOf(reference: Reference): { facts: Facts; note: string } | undefined {
    if (reference.registryBase !== undefined) return this.upstreamRegistryOf(reference.registryBase);
    for (const repository of reference.facts.imageRepositories ?? []) {
      const found = this.ruleFor(repository, false);
      if (!found) continue;
      const { compiled, path } = found;
      const rest = compiled.prefix === undefined ? path : path.slice(compiled.prefix.length + 1);
      const parsed = parseImageReference(`${compiled.upstreamBase}/${rest}`);
      if (!parsed.ok) continue;
      const { rule } = compiled;
      const note = `pulled through the cache of ${rule.origin} (${rule.prefix} from ${withoutCredentials(rule.upstream)}): ${repositoryOf(parsed.image)}`;
      return { facts: imageFacts(parsed.image), note };
    }
    return undefined;
  }

  /**
   * A registry setting at or under a cache prefix (`harbor.example/kcs-proxy`) sends every image of the chart to
   * the cache's upstream registry, whatever the images are: the upstream's host is what the chart pulls from.
   */
  private upstreamRegistryOf(base: string): { facts: Facts; note: string } | undefined {
    const compiled = this.ruleFor(base, true)?.compiled;
    if (!compiled) return undefined;
    const upstreamHost = compiled.upstreamBase.split("/")[0];
    if (!isValidDomain(upstreamHost)) return undefined;
    const { rule } = compiled;
    return {
      facts: hostFacts(upstreamHost),
      note: `a registry under the cache of ${rule.origin} (${rule.prefix} from ${withoutCredentials(rule.upstream)}): ${upstreamHost}`,
    };
  }

  /**
   * The rule with the longest prefix that "host/path" sits under (as in ECR); `atPrefix` also accepts a path that
   * is the prefix itself, as a registry setting names it.
   */
  private ruleFor(location: string, atPrefix: boolean): { compiled: CompiledRule; path: string } | undefined {
    const slash = location.indexOf("/");
    const host = slash < 0 ? location : location.slice(0, slash);
    const path = slash < 0 ? "" : location.slice(slash + 1);
    const compiled = this.hosts
      .lookup(host)
      .map((hit) => hit.owner)
      .filter((r) => r.prefix === undefined || path.startsWith(`${r.prefix}/`) || (atPrefix && path === r.prefix))
      .sort((a, b) => (b.prefix?.length ?? 0) - (a.prefix?.length ?? 0))[0];
    return compiled && { compiled, path };
  }
}

/** A rule with its prefix and upstream normalized once, not on every lookup (they may be long, and come from the stack). */
interface CompiledRule {
  rule: CacheRule;
  /** Without trailing slashes; undefined for ECR's ROOT rule, which covers every repository. */
  prefix?: string;
  /** The upstream registry without scheme or trailing slashes. */
  upstreamBase: string;
}

function compileRule(rule: CacheRule): CompiledRule {
  return { rule, prefix: rule.prefix === ROOT_PREFIX ? undefined : trimEnd(rule.prefix, "/"), upstreamBase: trimEnd(withoutScheme(rule.upstream), "/") };
}

const compiled = new WeakMap<readonly PullThroughCache[], PullThroughCaches>();

/** The caches of a configuration (`pullThroughCaches`), compiled once per configuration. */
export function configuredCaches(caches: readonly PullThroughCache[]): PullThroughCaches {
  let result = compiled.get(caches);
  if (!result) {
    result = new PullThroughCaches(caches.map((cache, i) => ({ ...cache, origin: `pullThroughCaches[${i}]` })));
    compiled.set(caches, result);
  }
  return result;
}

/** A reference read through the configured caches: it keeps its own facts and gains the upstream image's. */
export function throughCaches(reference: Reference, caches: PullThroughCaches): Reference {
  if (caches.size === 0) return reference;
  const upstream = caches.upstreamOf(reference);
  if (!upstream) return reference;
  return { ...reference, facts: mergeFacts(reference.facts, upstream.facts), note: [reference.note, upstream.note].filter(Boolean).join("; ") };
}

/**
 * Rules declared in the stack as `aws.ecr.PullThroughCacheRule`. The registry's account is an output, so a rule
 * covers every private ECR registry in its region (the resource's `region`, else its provider's, else any).
 */
export function stackCacheRules(resources: readonly ResourceInput[]): CacheRule[] {
  const rules: CacheRule[] = [];
  for (const resource of resources) {
    if (resource.type !== PULL_THROUGH_CACHE_RULE) continue;
    const { ecrRepositoryPrefix: prefix, upstreamRegistryUrl, upstreamRepositoryPrefix } = resource.props;
    if (!isKnownText(prefix) || !isKnownText(upstreamRegistryUrl)) continue;
    const region = [resource.props.region, resource.providerProps?.region].find(isKnownText) ?? "*";
    const upstreamPrefix = isKnownText(upstreamRepositoryPrefix) && upstreamRepositoryPrefix !== ROOT_PREFIX ? `/${upstreamRepositoryPrefix}` : "";
    const upstream = `${trimEnd(upstreamRegistryUrl, "/")}${upstreamPrefix}`;
    const origin = `aws.ecr.PullThroughCacheRule "${resource.name}"`;
    for (const registry of ecrRegistryHostPatterns(region)) rules.push({ registry, prefix, upstream, origin });
  }
  return rules;
}

function isKnownText(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "" && !isUnknown(value);
}
