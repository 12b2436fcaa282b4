import { identifierFamilies, type IdentifierKey, type IndexKind } from "../catalog/identifierFamilies";
import { Settings } from "../config/settings";
import { ecrRegistryHostPatterns } from "../reference/aws";
import { DOCKER_HUB_ALIASES } from "../reference/image";
import { CatalogIndex } from "../match/catalogIndex";
import { variableReadings } from "../extract/text/shellVariables";

/**
 * Whether a text can name anything a configuration matches: the cheap test that lets the text readers (scripts,
 * downloads, the scan of all strings) skip a text before parsing it. It must never answer no for a text whose
 * reading would match: a text can only match when it holds, for some catalog identifier, a literal part of it
 * that every spelling the readers accept keeps (a host label run, a repository segment, an account id), or
 * something the readers decode or expand first, which hides such literals from a plain search.
 */
type TextPrefilter = (text: string) => boolean;

/**
 * Text holding one of these is read in full: `\` (shell, JSON and YAML escapes, `$'\x..'`, line continuations) and
 * `` ` `` (PowerShell and Dockerfile escapes) build words from pieces; `b64` and `base64` name content that
 * cloud-init and MIME decode (`encoding: b64`, `gz+b64`, base64 parts). A text using shell or PowerShell variables
 * (`$`) is also searched with its variables expanded as the readers expand them (every value the text assigns).
 */
const EXPANDING_CHARACTERS = "\\`";
const VARIABLE_CHARACTER = "$";
const DECODED_CONTENT = ["b64", "base64"];

/** The shortest literal worth searching for; a catalog whose identifiers leave a shorter one reads every text. */
const MIN_LITERAL = 3;
const readsEverything: TextPrefilter = () => true;

const built = new WeakMap<Settings, TextPrefilter>();

/** The prefilter of a compiled configuration, built once per configuration. */
export function prefilterFor(settings: Settings): TextPrefilter {
  let prefilter = built.get(settings);
  if (!prefilter)
    built.set(
      settings,
      (prefilter = buildPrefilter(
        settings.index,
        settings.pullThroughCaches.map((cache) => cache.registry),
      )),
    );
  return prefilter;
}

/**
 * The prefilter for a catalog index and the registries of the configured pull-through caches: an image under a
 * cache is matched as its upstream image, which the text need not name, so a cache's registry (and any private
 * ECR registry, where a rule the stack declares may apply) lets the text through.
 */
function buildPrefilter(index: CatalogIndex, cacheRegistries: readonly string[]): TextPrefilter {
  const literals = new Set(DECODED_CONTENT);
  const cacheHosts = [...cacheRegistries, ...ecrRegistryHostPatterns("*")];
  for (const host of cacheHosts) literals.add(longest(hostPieces(host)));
  // Every family, not only those the text readers are known to produce today: a family added to the registry can
  // never be dropped here, and one no text reference carries only adds a literal.
  for (const family of identifierFamilies()) {
    for (const pattern of identifierPatterns(index, family.key)) literals.add(longest(piecesOf(family.index, pattern.toLowerCase())));
  }
  if ([...literals].some((literal) => literal.length < MIN_LITERAL || !searchable(literal))) return readsEverything;
  const search = new LiteralSearch([...literals]);
  // Expanded variables are searched run by run between blanks, which only holds while no literal has a blank.
  const expandsVariables = ![...literals].some((literal) => /\s/.test(literal));
  const mayName = (text: string) => {
    const found = search.mayHold(text);
    if (found !== "variables") return found;
    const readings = expandsVariables ? variableReadings(text, MAX_READINGS) : undefined;
    return readings === undefined || readings.some((reading) => search.mayHold(reading) !== false);
  };
  // A cloud-config is asked about twice in a row: whether to parse it, then whether to read it.
  let last: { text: string; answer: boolean } | undefined;
  return (text) => {
    if (last?.text !== text) last = { text, answer: mayName(text) };
    return last.answer;
  };
}

/** Readings of a text's variables searched before the text is read in full anyway. */
const MAX_READINGS = 64;

/** Every pattern of one identifier family, of the vendors and their products. */
function identifierPatterns(index: CatalogIndex, family: IdentifierKey): string[] {
  return index.vendors.flatMap((vendor) => [
    ...(vendor.identifiers[family] ?? []),
    ...(vendor.products ?? []).flatMap((product) => product.identifiers[family] ?? []),
  ]);
}

/**
 * The literal pieces of a pattern that every matching reference's text contains. A repository's host may be a
 * Docker Hub alias or absent (a short name), and `library/` is added to official images, so neither counts.
 */
function piecesOf(kind: IndexKind, pattern: string): string[] {
  switch (kind) {
    case "repository-glob":
    case "repository-path": {
      const segments = pattern.split("/");
      const host = kind === "repository-glob" ? segments.shift()! : undefined;
      const kept = segments.filter((segment) => segment !== "library");
      if (host !== undefined && !DOCKER_HUB_ALIASES.has(host.split(":")[0])) kept.push(host);
      return kept.flatMap(hostPieces);
    }
    case "host-glob":
      return hostPieces(pattern);
    case "name-glob":
      return pattern.split("*");
    case "exact":
    case "exact-any-case":
      return [pattern];
  }
}

/** The runs of a host (or segment) glob between its wildcards, without the port, which a reference may spell otherwise. */
function hostPieces(pattern: string): string[] {
  return pattern.toLowerCase().split(":")[0].split("*");
}

function longest(pieces: string[]): string {
  return pieces.reduce((a, b) => (b.length > a.length ? b : a), "");
}

const KELVIN_SIGN = 0x212a;
const VARIABLE = -3;
const EXPANDING = -2;
const LEFT_OUT = -1;

/**
 * How each ASCII character compares with a literal: lower case, as the readers lower-case hosts; quotes are left
 * out, as a shell joins `"kasp"ersky` into one word; and the characters that expand text end the search.
 */
const ASCII_FOLDED = Int8Array.from({ length: 128 }, (_, code) => {
  const c = String.fromCharCode(code);
  if (EXPANDING_CHARACTERS.includes(c)) return EXPANDING;
  if (c === VARIABLE_CHARACTER) return VARIABLE;
  if (c === '"' || c === "'") return LEFT_OUT;
  return c.toLowerCase().charCodeAt(0);
});

/**
 * Under `toLowerCase` the Kelvin sign is the only character outside ASCII to become an ASCII letter; any other
 * such character is 0, which no literal holds.
 */
function folded(code: number): number {
  if (code < 128) return ASCII_FOLDED[code];
  return code === KELVIN_SIGN ? 107 : 0;
}

function searchable(literal: string): boolean {
  for (let i = 0; i < literal.length; i++) if (folded(literal.charCodeAt(i)) !== literal.charCodeAt(i)) return false;
  return true;
}

/**
 * A multi-literal search in one pass: each literal is keyed by its first three characters, and the text's runs of
 * three are looked up in a bitmap of every key (18 bits: three characters of six bits each, small enough to stay in
 * cache), so that a text is read once and only a key hit compares a literal, in the text itself; the cost depends on
 * the text, not on how many identifiers the catalog holds.
 */
class LiteralSearch {
  /** Keys of the literals' first three characters, each character by its code in COMPACT: 18 bits, 32 KiB. */
  private readonly keys = new Uint32Array(1 << (3 * COMPACT_BITS - 5));
  private readonly byKey = new Map<number, string[]>();

  constructor(literals: readonly string[]) {
    for (const literal of literals) {
      const compact = compactKeyOf(literal.charCodeAt(0), literal.charCodeAt(1), literal.charCodeAt(2));
      this.keys[compact >>> 5] |= 1 << (compact & 31);
      const key = keyOf(literal.charCodeAt(0), literal.charCodeAt(1), literal.charCodeAt(2));
      const list = this.byKey.get(key);
      if (list) list.push(literal);
      else this.byKey.set(key, [literal]);
    }
  }

  /** Whether the text holds a literal; "variables" when it does not, but uses variables that may complete one. */
  mayHold(text: string): boolean | "variables" {
    const keys = this.keys;
    let variables = false;
    let key = 0;
    for (let i = 0; i < text.length; i++) {
      let compact = CHARACTER_COMPACT[text.charCodeAt(i)];
      if (compact < 0) {
        if (compact === LEFT_OUT) continue;
        if (compact === EXPANDING) return true;
        // A literal never spans a variable's use: the search restarts after it (code 0 starts no literal).
        compact = 0;
        variables = true;
      }
      key = ((key << COMPACT_BITS) | compact) & COMPACT_KEY_MASK;
      if ((keys[key >>> 5] & (1 << (key & 31))) !== 0 && this.endsAt(text, i)) return true;
    }
    return variables ? "variables" : false;
  }

  /** Whether a literal's first three characters end with the character at `third`, and the literal goes on from there. */
  private endsAt(text: string, third: number): boolean {
    const second = keptBefore(text, third);
    const first = keptBefore(text, second);
    if (first < 0) return false;
    const literals = this.byKey.get(keyOf(keptAt(text, first), keptAt(text, second), keptAt(text, third)));
    if (literals) for (const literal of literals) if (continuesWith(text, third + 1, literal)) return true;
    return false;
  }
}

/** Where the character the search kept before `at` is (quotes are left out); -1 when there is none. */
function keptBefore(text: string, at: number): number {
  let before = at - 1;
  while (before >= 0 && folded(text.charCodeAt(before)) === LEFT_OUT) before--;
  return before;
}

/** A character the search kept, as it compares with a literal: a variable's `$` compares with none (0). */
const keptAt = (text: string, at: number) => Math.max(0, folded(text.charCodeAt(at)));

/** Whether the text from `from` on, folded and without quotes, holds the rest of the literal (after its first three). */
function continuesWith(text: string, from: number, literal: string): boolean {
  let at = from;
  for (let i = 3; i < literal.length; i++) {
    let c = LEFT_OUT;
    while (c === LEFT_OUT) {
      if (at >= text.length) return false;
      c = folded(text.charCodeAt(at++));
    }
    if (c !== literal.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * The bitmap's code of each folded character: letters, digits and the punctuation of host names and paths have
 * their own, every other character shares one. A shared code only makes the bitmap hit where no literal starts,
 * which the comparison of the literal then rules out.
 */
const COMPACT_BITS = 6;
const COMPACT_KEY_MASK = (1 << (3 * COMPACT_BITS)) - 1;
const COMPACT = Uint8Array.from({ length: 128 }, (_, code) => {
  const index = "abcdefghijklmnopqrstuvwxyz0123456789.-/_:@".indexOf(String.fromCharCode(code));
  return index + 1;
});

/** Each character's code in the bitmap once folded, or how the search treats it (LEFT_OUT, EXPANDING, VARIABLE): 64 KiB. */
const CHARACTER_COMPACT = Int8Array.from({ length: 0x10000 }, (_, code) => {
  const c = folded(code);
  return c < 0 ? c : COMPACT[c];
});

const compactKeyOf = (a: number, b: number, c: number) => (COMPACT[a] << (2 * COMPACT_BITS)) | (COMPACT[b] << COMPACT_BITS) | COMPACT[c];

const keyOf = (a: number, b: number, c: number) => (a << 14) | (b << 7) | c;
