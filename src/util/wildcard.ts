/**
 * Matches `text` against a pattern in which `*` stands for any run of characters (including none).
 * Iterative with a single back-track point, so the cost is O(pattern × text) at worst and never
 * exponential, whatever the pattern: patterns come from config and must not be able to hang a preview.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== "*" && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === "*") {
      starP = p++;
      starT = t;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}

/** The characters before a pattern's first `*`: every text the pattern matches starts with them. */
export function literalPrefix(pattern: string): string {
  const star = pattern.indexOf("*");
  return star < 0 ? pattern : pattern.slice(0, star);
}
