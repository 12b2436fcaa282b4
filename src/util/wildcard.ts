/**
 * Matches `text` against a pattern in which `*` stands for any run of characters (including none).
 *
 * The pattern is the literal pieces between its stars: the first must start the text, the last must end
 * it, and the others must occur in order in between. Taking each middle piece at its first occurrence
 * after the previous one is always right for star-only globs, and finding it with Knuth-Morris-Pratt reads
 * each character of the text once, so a match costs O(pattern + text) whatever the pattern. Patterns come
 * from config (grandfathered URNs, exemptions, catalog globs) and texts from resources: neither may be able
 * to hang a preview, as a backtracking matcher can on `*aaaa…b` against a long run of `a`.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  const pieces = pattern.split("*");
  if (pieces.length === 1) return pattern === text;
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (first.length + last.length > text.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  const end = text.length - last.length;
  let at = first.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const found = firstOccurrence(pieces[i], text, at, end);
    if (found < 0) return false;
    at = found + pieces[i].length;
  }
  return true;
}

/** Where `piece` first occurs in text[from, end), or -1 (Knuth-Morris-Pratt: linear in both lengths). */
function firstOccurrence(piece: string, text: string, from: number, end: number): number {
  if (piece === "") return from;
  const fallback = new Int32Array(piece.length);
  for (let i = 1, k = 0; i < piece.length; i++) {
    while (k > 0 && piece[i] !== piece[k]) k = fallback[k - 1];
    if (piece[i] === piece[k]) k++;
    fallback[i] = k;
  }
  for (let i = from, k = 0; i < end; i++) {
    while (k > 0 && text[i] !== piece[k]) k = fallback[k - 1];
    if (text[i] === piece[k]) k++;
    if (k === piece.length) return i - piece.length + 1;
  }
  return -1;
}

/** The characters before a pattern's first `*`: every text the pattern matches starts with them. */
export function literalPrefix(pattern: string): string {
  const star = pattern.indexOf("*");
  return star < 0 ? pattern : pattern.slice(0, star);
}
