import { isUnknown } from "./unknown";

export type Located =
  | { path: string; state: "known"; value: unknown }
  | { path: string; state: "unknown" };

/**
 * Every value at a property path such as `launchSpecifications[*].ami` or `computeResources.imageId`.
 * `[*]` walks each array element. A path through an unknown value yields one "unknown" entry at the point
 * where knowledge stops, because the reference may be behind it. Missing or null values yield nothing.
 */
export function valuesAt(root: unknown, pattern: string): Located[] {
  const steps = pattern.replace(/\[\*\]/g, ".[*]").split(".").filter(Boolean);
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
    if (typeof value === "object" && !Array.isArray(value)) {
      walk((value as Record<string, unknown>)[step], index + 1, path ? `${path}.${step}` : step);
    }
  };
  walk(root, 0, "");
  return found;
}
