import { childPath } from "../../props/paths";
import { isUnknown } from "../../props/unknown";
import { ScanLimits } from "../limits";
import { hostReferencesInText } from "../text/textReferences";
import { Reference } from "../types";

const FALLBACK_NOTE = "found by the scan of all string properties";

/**
 * Scans every string of a resource's properties for references with a registry host, so that a provider the
 * pack has not modelled cannot carry a restricted image silently. Paths a modelled extractor has read are
 * skipped, and so is any reference to a repository or host that one has already reported for this resource.
 * Unknown values are ignored here: only modelled image properties fail closed. The walk stops at the depth
 * limit and the text budget of `limits`, which record what they left unread.
 */
export function fallbackReferences(tree: Record<string, unknown>, consumed: ReadonlySet<string>, alreadyFound: ReadonlySet<string>, limits: ScanLimits): Reference[] {
  const found: Reference[] = [];
  const walk = (value: unknown, path: string, depth: number): void => {
    if (consumed.has(path) || value === null || value === undefined || isUnknown(value)) return;
    if (typeof value === "string") {
      for (const reference of hostReferencesInText(path, limits.text(path, value))) {
        if (!originKeys(reference).some((key) => alreadyFound.has(key))) found.push({ ...reference, note: FALLBACK_NOTE });
      }
    } else if (typeof value === "object") {
      if (Array.isArray(value)) {
        if (value.length > 0 && limits.descend(path, depth + 1)) value.forEach((child, i) => mayHold(child) && walk(child, `${path}[${i}]`, depth + 1));
      } else {
        const keys = Object.keys(value);
        if (keys.length > 0 && limits.descend(path, depth + 1)) {
          for (const key of keys) {
            const child = (value as Record<string, unknown>)[key];
            if (mayHold(child)) walk(child, childPath(path, key), depth + 1);
          }
        }
      }
    }
  };
  walk(tree, "", 0);
  return found;
}

/**
 * Whether a value can hold a reference with a registry host. Most of a resource's values are numbers, flags and
 * strings without "/", and building their paths was most of the scan's cost; a string without "/" holds no
 * host reference, so nothing of it is left unscanned either.
 */
function mayHold(value: unknown): boolean {
  return typeof value === "object" ? value !== null : typeof value === "string" && value.includes("/");
}

/** What makes two references the same origin: their repositories (with and without port), else their host. */
export function originKeys(reference: Reference): string[] {
  return reference.facts.imageRepositories ?? reference.facts.registryHosts ?? [reference.value];
}
