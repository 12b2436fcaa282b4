import { childPath } from "../../props/paths";
import { isUnknown } from "../../props/unknown";
import { classifyImageText } from "../container/imageSource";
import { ScanLimits } from "../limits";
import { hostReferencesInText } from "../text/textReferences";
import { Reference } from "../types";

const FALLBACK_NOTE = "found by the scan of all string properties";

/**
 * A key that names an image: `image`, `containerImage`, `images`, or "image" followed by name, uri, url, ref,
 * reference or identifier (`imageName`, `image_uri`, `imageReference`), in any case. Not `imagePullPolicy`,
 * `imageTag`, or `imageId` (an AMI on AWS, read by the AMI policy where it is modelled).
 */
const IMAGE_KEY = /(?:images?|image[_-]?(?:name|uri|url|ref|reference|identifier))$/i;

/**
 * Scans every string of a resource's properties for references with a registry host, so that a provider the
 * pack has not modelled cannot carry a restricted image silently. A string under a key that names an image
 * (IMAGE_KEY), or in a list under one, is read as one image reference, so that a bare Docker Hub name counts
 * there; anywhere else such a name is too like ordinary words to be read. Paths a modelled extractor has read are
 * skipped, and so is any reference to a repository or host that one has already reported for this resource.
 * Unknown values are ignored here: only modelled image properties fail closed. The walk stops at the depth
 * limit and the text budget of `limits`, which record what they left unread. A string `mayName` rules out is not read.
 */
export function fallbackReferences(
  tree: Record<string, unknown>,
  consumed: ReadonlySet<string>,
  alreadyFound: ReadonlySet<string>,
  limits: ScanLimits,
  mayName: (text: string) => boolean,
): Reference[] {
  const found: Reference[] = [];
  const walk = (value: unknown, path: string, depth: number, imageKey: boolean): void => {
    if (consumed.has(path) || value === null || value === undefined || isUnknown(value)) return;
    if (typeof value === "string") {
      const text = limits.text(path, value);
      if (!mayName(text)) return;
      for (const reference of (imageKey && imageUnderKey(path, text)) || hostReferencesInText(path, text)) {
        if (!originKeys(reference).some((key) => alreadyFound.has(key)))
          found.push({ ...reference, note: [FALLBACK_NOTE, reference.note].filter(Boolean).join("; ") });
      }
    } else if (typeof value === "object") {
      if (Array.isArray(value)) {
        if (value.length > 0 && limits.descend(path, depth + 1))
          value.forEach((child, i) => mayHold(child, imageKey) && walk(child, `${path}[${i}]`, depth + 1, imageKey));
      } else {
        const keys = Object.keys(value);
        if (keys.length > 0 && limits.descend(path, depth + 1)) {
          for (const key of keys) {
            const child = (value as Record<string, unknown>)[key];
            const named = IMAGE_KEY.test(key);
            if (mayHold(child, named)) walk(child, childPath(path, key), depth + 1, named);
          }
        }
      }
    }
  };
  walk(tree, "", 0, false);
  return found;
}

/** The string under an image key as one reference, if it parses as one (a URL or a sentence there does not). */
function imageUnderKey(path: string, text: string): Reference[] | undefined {
  const item = classifyImageText(path, text);
  return item && item.kind !== "unknown" && item.kind !== "unparseable" ? [item] : undefined;
}

/**
 * Whether a value can hold a reference. Most of a resource's values are numbers, flags and strings without "/",
 * and building their paths was most of the scan's cost; outside an image key a string without "/" holds no host
 * reference, so nothing of it is left unscanned either.
 */
function mayHold(value: unknown, imageKey: boolean): boolean {
  return typeof value === "object" ? value !== null : typeof value === "string" && (imageKey || value.includes("/"));
}

/** What makes two references the same origin: their repositories (with and without port), else their host. */
export function originKeys(reference: Reference): string[] {
  return reference.facts.imageRepositories ?? reference.facts.registryHosts ?? [reference.value];
}
