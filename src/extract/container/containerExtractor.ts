import { Located, childPath, valuesAt } from "../../props/paths";
import { dedupe } from "../../util/dedupe";
import { ScanLimits } from "../limits";
import { fallbackReferences, originKeys } from "../fallback/fallbackScan";
import { imageArgumentsOfWords } from "../text/commandLine";
import { downloadReferences } from "../text/downloadCommands";
import { scriptReferences } from "../text/scripts";
import { imageReference } from "../text/textReferences";
import { userDataTexts } from "../text/userData";
import { Extracted, Extractor, Reference } from "../types";
import { ImageSource, classifyImage } from "./imageSource";
import { expandJsonDocuments } from "./jsonDocuments";

interface PreparedSource extends ImageSource {
  canonicalKeys: Map<string, string>;
}

/**
 * One extractor over every image source table: the modelled properties of the resource's type first, then
 * the fallback scan of all its other strings. It applies to every type, so that an unmodelled provider is
 * still scanned; `coverage` lists the modelled types only.
 */
export function containerExtractor(sources: readonly ImageSource[]): Extractor {
  const byType = new Map<string, PreparedSource[]>();
  for (const source of sources) {
    const prepared = { ...source, canonicalKeys: canonicalKeysOf(source) };
    byType.set(source.type, [...(byType.get(source.type) ?? []), prepared]);
  }
  return {
    coverage: sources.map((s) => ({ type: s.type, paths: [...(s.images ?? []), ...(s.custom?.paths ?? []), ...(s.text ?? []), ...(s.userData ?? [])] })),
    appliesTo: () => true,
    extract: (resource) => extractFrom(resource.props, byType.get(resource.type) ?? [], resource.programDirectory, resource.mayName ?? readAll),
  };
}

const readAll = () => true;

function extractFrom(
  props: Record<string, unknown>,
  sources: readonly PreparedSource[],
  programDirectory: string | undefined,
  mayName: (text: string) => boolean,
): Extracted[] {
  const items: Extracted[] = [];
  const consumed = new Set<string>();
  const limits = new ScanLimits();
  let tree = props;
  for (const source of sources) {
    if (source.json) {
      const expanded = expandJsonDocuments(tree, source.json, source.canonicalKeys);
      tree = expanded.tree;
      append(items, expanded.problems);
    }
    for (const located of (source.images ?? []).flatMap((pattern) => valuesAt(tree, pattern))) {
      consumed.add(located.path);
      const item = classifyImage(located);
      if (item) items.push(item);
    }
    const commands = new CommandWords();
    for (const pattern of source.text ?? []) {
      for (const located of valuesAt(tree, pattern)) {
        const scanned = stringsAt(located).map(({ path, text }) => {
          consumed.add(path);
          const within = limits.text(path, text);
          if (mayName(within)) {
            append(items, scriptReferences(path, within, limits));
            append(items, downloadReferences(path, within));
          }
          return { path, text: within };
        });
        commands.add(pattern, located, scanned);
      }
    }
    append(items, commands.references());
    for (const located of (source.userData ?? []).flatMap((pattern) => valuesAt(tree, pattern))) {
      for (const { path, text: value } of stringsAt(located)) {
        consumed.add(path);
        for (const decoded of userDataTexts(value, mayName)) {
          if (decoded.undecoded !== undefined) limits.unread(path, decoded.undecoded);
          else {
            const within = limits.text(path, decoded.text);
            if (!mayName(within)) continue;
            append(items, scriptReferences(path, within, limits, decoded.note));
            append(items, downloadReferences(path, within, decoded.note));
          }
        }
      }
    }
    if (source.custom) {
      const found = source.custom.read(tree, limits, programDirectory);
      append(items, found.items);
      found.consumed.forEach((path) => consumed.add(path));
    }
  }
  // A value that should have held a reference but does not parse is still scanned as text, so that a restricted
  // host visible in it (in broken JSON, or after the image in a field holding a whole command) is still reported.
  for (const item of items) if (item.kind === "unparseable") consumed.delete(item.path);
  const origins = new Set(items.filter(isReference).flatMap(originKeys));
  append(items, fallbackReferences(tree, consumed, origins, limits, mayName));
  append(items, limits.findings());
  // Several paths can reach one value (a JSON document that is unknown as a whole, for example): report it once.
  return dedupe(items, (item) => `${item.kind}\u0000${item.path}\u0000${"value" in item ? item.value : ""}`);
}

/** The strings a text property holds: itself, the elements of a list, or the values of a map. Unknowns hold none. */
function stringsAt(located: Located): Array<{ path: string; text: string }> {
  if (located.state === "unknown") return [];
  const { path, value } = located;
  if (typeof value === "string") return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => (typeof v === "string" ? [{ path: `${path}[${i}]`, text: v }] : []));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => (typeof v === "string" ? [{ path: childPath(path, k), text: v }] : []));
  }
  return [];
}

// The properties that together make one container's command, in the order they run: ECS `entryPoint` then `command`,
// Kubernetes (and Cloud Run, Batch on EKS, Docker services) `command`/`commands` then `args`.
const ARGV_PARTS = ["entryPoint", "entrypoints", "command", "commands", "args"];

/**
 * Commands given in exec form, a list of words (`["docker", "pull", "vendor/agent"]`): each element is scanned as
 * text on its own, but a command split across elements is only seen when the container's lists are read together
 * as the one argument vector they are run as. A reference is reported at the element that holds the image.
 */
class CommandWords {
  private readonly byContainer = new Map<string, Array<{ order: number; words: Array<{ path: string; text: string }> }>>();

  add(pattern: string, located: Located, words: Array<{ path: string; text: string }>): void {
    const key = pattern.slice(pattern.lastIndexOf(".") + 1);
    const order = ARGV_PARTS.indexOf(key);
    if (order < 0 || located.state !== "known" || !Array.isArray(located.value) || !located.path.endsWith(key)) return;
    const container = located.path.slice(0, Math.max(0, located.path.length - key.length - 1));
    const parts = this.byContainer.get(container) ?? [];
    parts.push({ order, words });
    this.byContainer.set(container, parts);
  }

  references(): Reference[] {
    const found: Reference[] = [];
    for (const parts of this.byContainer.values()) {
      const words = parts.sort((a, b) => a.order - b.order).flatMap((part) => part.words);
      for (const { command, image, word } of imageArgumentsOfWords(words.map((w) => w.text))) {
        const reference = imageReference(words[word].path, image, `argument of "${command}"`);
        if (reference) found.push(reference);
      }
    }
    return found;
  }
}

// A resource can yield hundreds of thousands of items (one per FROM line, per word): push(...items) would overflow the stack.
function append<T>(target: T[], source: readonly T[]): void {
  for (const item of source) target.push(item);
}

function isReference(item: Extracted): item is Reference {
  return item.kind !== "unknown" && item.kind !== "unparseable";
}

function canonicalKeysOf(source: ImageSource): Map<string, string> {
  const keys = new Map<string, string>();
  for (const pattern of [...(source.images ?? []), ...(source.text ?? []), ...(source.custom?.paths ?? [])]) {
    for (const step of pattern.replace(/\[\*\]/g, "").split(".")) if (step) keys.set(step.toLowerCase(), step);
  }
  return keys;
}
