import { loadAll } from "js-yaml";
import { ScanLimits } from "../limits";

// Values one document may hold. Aliases make a small text a large tree ("billion laughs"): the tree is copied
// with this budget, so that no walk after the parse visits more.
const MAX_VALUES = 100_000;

/**
 * The documents of a YAML (or JSON, which is YAML) text inside a string: a manifest, a compose file, Helm values.
 * A text that does not parse holds no document (the string is still scanned as text); a text beyond the
 * document limits, or whose documents hold more values than the budget, is not read as documents, and that is reported.
 */
export function yamlDocuments(path: string, text: string, limits: ScanLimits): unknown[] {
  if (!limits.document(path, text.length)) return [];
  const documents = parsedYaml(text);
  if (documents === "too large")
    limits.unread(
      path,
      `the YAML document holds more than ${MAX_VALUES} values (counting aliases as copies) and was not read as a document (only scanned as text)`,
    );
  return Array.isArray(documents) ? documents : [];
}

/** The documents of a YAML text as plain trees, "too large" beyond the value budget, or undefined when it does not parse. */
export function parsedYaml(text: string): unknown[] | "too large" | undefined {
  let loaded: unknown[];
  try {
    // `json`: a repeated key keeps its last value, as JSON parsers and Kubernetes do, rather than failing the document.
    loaded = loadAll(text, undefined, { json: true });
  } catch {
    return undefined;
  }
  const budget = { values: MAX_VALUES };
  const documents = loaded.map((document) => copied(document, budget));
  return budget.values < 0 ? "too large" : documents;
}

/** A copy of a parsed tree in which every alias is a copy of its own, within the budget (the copy stops when it is spent). */
function copied(value: unknown, budget: { values: number }): unknown {
  if (--budget.values < 0 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => copied(item, budget));
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value))
    Object.defineProperty(result, key, { value: copied(child, budget), enumerable: true, writable: true, configurable: true });
  return result;
}
