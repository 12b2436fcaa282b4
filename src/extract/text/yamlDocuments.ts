import { parseAllDocuments } from "yaml";
import { LIMITS, ScanLimits } from "../limits";

// Aliases expand to copies: a few hundred bound what a small document can grow to ("billion laughs").
const MAX_ALIASES = 100;

/**
 * The documents of a YAML (or JSON, which is YAML) text inside a string: a manifest, a compose file, Helm values.
 * A document that does not parse is not one, and yields nothing (the string is still scanned as text); a text
 * beyond the document limit is not parsed, and that is reported.
 */
export function yamlDocuments(path: string, text: string, limits: ScanLimits): unknown[] {
  if (text.length > LIMITS.documentChars) {
    limits.unread(path, `the text is longer than ${LIMITS.documentChars} characters and was not parsed as a YAML document (only scanned as text)`);
    return [];
  }
  const documents: unknown[] = [];
  for (const document of parseAllDocuments(text, { uniqueKeys: false })) {
    if (document.errors.length > 0) continue;
    try {
      documents.push(document.toJS({ maxAliasCount: MAX_ALIASES }));
    } catch {
      // Too many aliases: the document is not read, as one that does not parse.
    }
  }
  return documents;
}
