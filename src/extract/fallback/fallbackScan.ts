import { isUnknown } from "../../props/unknown";
import { hostReferencesInText } from "../text/textReferences";
import { Reference } from "../types";

const FALLBACK_NOTE = "found by the scan of all string properties";
// Property trees are data, but a pathological one must not recurse without end.
const MAX_DEPTH = 64;

/**
 * Scans every string of a resource's properties for references with a registry host, so that a provider the
 * pack has not modelled cannot carry a restricted image silently. Paths a modelled extractor has read are
 * skipped, and so is any reference to a repository or host that one has already reported for this resource.
 * Unknown values are ignored here: only modelled image properties fail closed.
 */
export function fallbackReferences(tree: Record<string, unknown>, consumed: ReadonlySet<string>, alreadyFound: ReadonlySet<string>): Reference[] {
  const found: Reference[] = [];
  const walk = (value: unknown, path: string, depth: number): void => {
    if (consumed.has(path) || depth > MAX_DEPTH || value === null || value === undefined || isUnknown(value)) return;
    if (typeof value === "string") {
      for (const reference of hostReferencesInText(path, value)) {
        if (!originKeys(reference).some((key) => alreadyFound.has(key))) found.push({ ...reference, note: FALLBACK_NOTE });
      }
    } else if (Array.isArray(value)) {
      value.forEach((element, i) => walk(element, `${path}[${i}]`, depth + 1));
    } else if (typeof value === "object") {
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key, depth + 1);
    }
  };
  walk(tree, "", 0);
  return found;
}

/** What makes two references the same origin: their repositories (with and without port), else their host. */
export function originKeys(reference: Reference): string[] {
  return reference.facts.imageRepositories ?? reference.facts.registryHosts ?? [reference.value];
}
