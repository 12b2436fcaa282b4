import { isUnknown } from "./unknown";

export type Located = { path: string; state: "known"; value: unknown } | { path: string; state: "unknown" };

// Keys come from the resource: a message names the property path, so a pathologically long key is clipped.
const MAX_KEY_LENGTH = 64;

/** `path.key`, or `key` at the root; a key longer than 64 characters is shown clipped. */
export function childPath(path: string, key: string): string {
  const shown = key.length > MAX_KEY_LENGTH ? `${key.slice(0, MAX_KEY_LENGTH)}…` : key;
  return path ? `${path}.${shown}` : shown;
}

/** The value of an object's own property: a key such as `__proto__` or `constructor` must not read what the object inherits. */
function ownValue(object: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

/**
 * Every value at a property path such as `launchSpecifications[*].ami` or `computeResources.imageId`.
 * `[*]` walks each array element, `*` each value of a map (awsx's `containers: { web: {...} }`). A path through
 * an unknown value yields one "unknown" entry at the point where knowledge stops, because the reference may be
 * behind it. Missing or null values yield nothing, and so does a value of the wrong shape (a string where the
 * path expects an object or a list).
 */
export function valuesAt(root: unknown, pattern: string): Located[] {
  const steps = stepsOf(pattern);
  const found: Located[] = [];
  const walk = (value: unknown, index: number, path: string): void => {
    if (isUnknown(value)) {
      found.push({ path, state: "unknown" });
      return;
    }
    if (value === undefined || value === null) return;
    if (index === steps.length) {
      found.push({ path, state: "known", value });
      return;
    }
    const step = steps[index];
    if (step === "[*]") {
      if (Array.isArray(value)) value.forEach((element, i) => walk(element, index + 1, `${path}[${i}]`));
      return;
    }
    if (typeof value !== "object" || Array.isArray(value)) return;
    if (step === "*") for (const key of Object.keys(value)) walk(ownValue(value, key), index + 1, childPath(path, key));
    else walk(ownValue(value, step), index + 1, childPath(path, step));
  };
  walk(root, 0, "");
  return found;
}

// Patterns come from the extractors' tables, a few hundred in all, and are read for every resource.
const parsedPatterns = new Map<string, readonly string[]>();

function stepsOf(pattern: string): readonly string[] {
  let steps = parsedPatterns.get(pattern);
  if (!steps)
    parsedPatterns.set(
      pattern,
      (steps = pattern
        .replace(/\[\*\]/g, ".[*]")
        .split(".")
        .filter(Boolean)),
    );
  return steps;
}
