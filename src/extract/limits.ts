import { isSeparator } from "./quote";
import { UnparseableReference } from "./types";

/**
 * The limits of one resource's scan (docs/security.md, "Limits"). Every algorithm below them is linear in the
 * input, so the limits bound a scan's time and memory; whatever a limit leaves unread is reported, never
 * passed silently.
 */
export const LIMITS = {
  /** Nesting levels below a resource's properties that the tree walks (fallback scan, Helm values, JSON documents) descend. */
  depth: 64,
  /** Characters of free text (commands, environment, user data, other string properties) scanned per resource. */
  textChars: 16 * 1024 * 1024,
  /** Bytes a gzip-compressed user data script may expand to. */
  gunzippedBytes: 4 * 1024 * 1024,
  /** Size of a Dockerfile read for its FROM lines: a file from the build context, an inline Dockerfile or a template. */
  dockerfileBytes: 1024 * 1024,
  /** Size of a YAML or JSON document inside a string (a manifest in a ConfigMap or a heredoc, Helm values) parsed as one. */
  documentChars: 128 * 1024,
  /** Characters of such documents parsed per resource: parsing costs more than scanning text. */
  documentCharsPerResource: 4 * 1024 * 1024,
};

/**
 * The budget of one resource's scan, and what it left unread. Each extractor call makes its own, so that
 * concurrent evaluations share nothing.
 */
export class ScanLimits {
  private remaining = LIMITS.textChars;
  private remainingDocuments = LIMITS.documentCharsPerResource;
  private unparsedDocuments?: { firstPath: string; count: number };
  private unreadText?: { firstPath: string; strings: number; chars: number };
  private readonly tooDeep = new Set<string>();
  private readonly partial: UnparseableReference[] = [];

  /** The part of `text` this resource's budget still covers, cut at a word's end; the rest is recorded as unread. */
  text(path: string, text: string): string {
    if (text.length <= this.remaining) {
      this.remaining -= text.length;
      return text;
    }
    // A cut inside a word could turn `kaspersky.com.evil.io` into `kaspersky.com`: cut where a word ends.
    let cut = this.remaining;
    while (cut > 0 && !isSeparator(text.charCodeAt(cut))) cut--;
    this.remaining = 0;
    this.unreadText ??= { firstPath: path, strings: 0, chars: 0 };
    this.unreadText.strings++;
    this.unreadText.chars += text.length - cut;
    return text.slice(0, cut);
  }

  /** Whether a text of `length` characters at `path` may be parsed as a document; if not, it is recorded as left unread. */
  document(path: string, length: number): boolean {
    if (length > LIMITS.documentChars) {
      this.unread(path, `the text is longer than ${LIMITS.documentChars} characters and was not parsed as a YAML document (only scanned as text)`);
      return false;
    }
    if (length > this.remainingDocuments) {
      this.unparsedDocuments ??= { firstPath: path, count: 0 };
      this.unparsedDocuments.count++;
      return false;
    }
    this.remainingDocuments -= length;
    return true;
  }

  /** Whether a walk may descend to `depth`; if not, the path is recorded as left unread. */
  descend(path: string, depth: number): boolean {
    if (depth <= LIMITS.depth) return true;
    this.tooDeep.add(path);
    return false;
  }

  /** Text within the budget but beyond a reader's own limit (gzip user data, a Dockerfile), or that a reader could not decode. */
  unread(path: string, problem: string): void {
    this.partial.push({ kind: "unparseable", path, value: "(not scanned)", expected: "text the pack reads in full", problem, limit: true });
  }

  /** A Dockerfile's text up to the Dockerfile limit, cut at a line's end; the rest is recorded as unread. */
  dockerfile(path: string, text: string): string {
    if (text.length <= LIMITS.dockerfileBytes) return text;
    this.unread(path, `the Dockerfile is longer than ${LIMITS.dockerfileBytes} characters, and its FROM lines after that were not read`);
    return text.slice(0, text.lastIndexOf("\n", LIMITS.dockerfileBytes) + 1);
  }

  /** One finding per kind of limit reached, naming where and how much was left unread. */
  findings(): UnparseableReference[] {
    const found = [...this.partial];
    if (this.tooDeep.size > 0) {
      const count = this.tooDeep.size;
      found.push({
        kind: "unparseable",
        path: this.tooDeep.values().next().value as string,
        value: `(${count} value${count > 1 ? "s" : ""} nested deeper than ${LIMITS.depth} levels)`,
        expected: "a property tree the pack scans in full",
        problem: `values nested more than ${LIMITS.depth} levels deep were not scanned, from this property on (${count} in all)`,
        limit: true,
      });
    }
    if (this.unparsedDocuments) {
      const { firstPath, count } = this.unparsedDocuments;
      found.push({
        kind: "unparseable",
        path: firstPath,
        value: `(${count} document${count > 1 ? "s" : ""} not parsed)`,
        expected: "documents the pack reads in full",
        problem: `the resource holds more than ${LIMITS.documentCharsPerResource} characters of YAML documents in strings; from this property on, ${count} were only scanned as text, not parsed as documents`,
        limit: true,
      });
    }
    if (this.unreadText) {
      const { firstPath, strings, chars } = this.unreadText;
      found.push({
        kind: "unparseable",
        path: firstPath,
        value: `(${chars} characters in ${strings} string${strings > 1 ? "s" : ""} not scanned)`,
        expected: "text the pack scans in full",
        problem: `the resource holds more than ${LIMITS.textChars} characters of text; the scan stopped in this property and ${chars} characters were not scanned`,
        limit: true,
      });
    }
    return found;
  }
}
