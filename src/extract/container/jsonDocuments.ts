import { isUnknown } from "../../props/unknown";
import { LIMITS } from "../limits";
import { UnparseableReference } from "../types";

/**
 * Replaces properties that hold JSON text (ECS containerDefinitions, Batch containerProperties...) by the parsed
 * document, so that paths such as `containerDefinitions[*].image` read inside them. Keys are matched without
 * regard to case, as AWS's Go SDK reads them (`"Image"` works in a real deployment), by renaming them to the
 * spelling the paths use.
 */
export function expandJsonDocuments(
  props: Record<string, unknown>,
  jsonProps: readonly string[],
  canonicalKeys: ReadonlyMap<string, string>,
): { tree: Record<string, unknown>; problems: UnparseableReference[] } {
  const problems: UnparseableReference[] = [];
  let tree = props;
  for (const name of jsonProps) {
    const text = props[name];
    // An unknown document stays as it is: reading a path through it reports the unknown.
    if (typeof text !== "string" || isUnknown(text) || text.trim() === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== "object" || parsed === null) {
      problems.push(notJson(name, text));
      continue;
    }
    if (tree === props) tree = { ...props };
    tree[name] = withCanonicalKeys(parsed, canonicalKeys);
  }
  return { tree, problems };
}

// The JSON text itself is never quoted: environment values in it may be secrets. The parser's own message is
// not used either, because Node's quotes the text around the error.
function notJson(path: string, text: string): UnparseableReference {
  return {
    kind: "unparseable",
    path,
    value: `(${text.length} characters of text)`,
    expected: "a JSON document",
    problem: "it is not a valid JSON object or array",
  };
}

// Modelled paths are a few levels deep; below the walk limit a document is left as parsed (the fallback scan reports
// what it cannot reach), so that a document nested thousands of levels deep cannot exhaust the stack here.
function withCanonicalKeys(value: unknown, canonicalKeys: ReadonlyMap<string, string>, depth = 1): unknown {
  if (typeof value !== "object" || value === null || depth > LIMITS.depth) return value;
  if (Array.isArray(value)) return value.map((v) => withCanonicalKeys(v, canonicalKeys, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const canonical = canonicalKeys.get(key.toLowerCase()) ?? key;
    // An exact spelling wins over a variant, as in Go's encoding/json.
    if (Object.prototype.hasOwnProperty.call(result, canonical) && key !== canonical) continue;
    const converted = withCanonicalKeys(child, canonicalKeys, depth + 1);
    // Defined, not assigned: a "__proto__" key in the document must stay a key, not become the object's prototype.
    if (canonical === "__proto__") Object.defineProperty(result, canonical, { value: converted, enumerable: true, writable: true, configurable: true });
    else result[canonical] = converted;
  }
  return result;
}
