/** A base image named by a FROM line, after build-argument substitution, or why it could not be determined. */
type BaseImage = { line: number; image: string } | { line: number; unknownArgument: string } | { line: number; problem: string };

/** A build argument's value: text, or "unknown" when the program computes it during preview. */
export type BuildArgument = string | { unknown: true };

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * The base images of a Dockerfile's stages, as `docker build` resolves them: FROM sees only the ARGs declared
 * before the first FROM, with build arguments overriding their defaults; a FROM naming an earlier stage, and
 * `scratch`, pull nothing.
 */
export function baseImages(dockerfile: string, buildArg: (name: string) => BuildArgument | undefined): BaseImage[] {
  const globals = new Map<string, BuildArgument>();
  const stages = new Set<string>();
  const found: BaseImage[] = [];
  let seenFrom = false;
  for (const { line, text } of instructions(dockerfile)) {
    const [keyword, ...words] = text.split(/\s+/);
    const instruction = keyword.toUpperCase();
    if (instruction === "ARG" && !seenFrom) {
      for (const word of words) {
        const eq = word.indexOf("=");
        const name = eq < 0 ? word : word.slice(0, eq);
        const fallback = eq < 0 ? undefined : unquote(word.slice(eq + 1));
        const value = buildArg(name) ?? fallback;
        if (value !== undefined) globals.set(name, value);
      }
    } else if (instruction === "FROM") {
      seenFrom = true;
      const positional = words.filter((w) => !w.startsWith("--"));
      const [image, as, stage] = positional;
      if (as?.toUpperCase() === "AS" && stage) stages.add(stage.toLowerCase());
      if (!image) {
        found.push({ line, problem: "the FROM line names no image" });
        continue;
      }
      const resolved = substitute(image, globals);
      if ("unknownArgument" in resolved || "problem" in resolved) found.push({ line, ...resolved });
      else if (resolved.text !== "scratch" && !stages.has(resolved.text.toLowerCase())) found.push({ line, image: resolved.text });
    }
  }
  return found;
}

/** A base image named on many FROM lines is read once, at its first line: what a message names either way. */
export function firstOfEachImage(bases: BaseImage[]): BaseImage[] {
  const seen = new Set<string>();
  return bases.filter((base) => {
    if (!("image" in base)) return true;
    if (seen.has(base.image)) return false;
    seen.add(base.image);
    return true;
  });
}

function substitute(text: string, args: ReadonlyMap<string, BuildArgument>): { text: string } | { unknownArgument: string } | { problem: string } {
  // docker build rejects an unclosed "${"; checking first also keeps VARIABLE linear, since an unclosed brace is
  // the only way its `[^}]*` can scan to the end of the word and fail, once per "${".
  if (text.indexOf("${", text.lastIndexOf("}") + 1) >= 0) return { problem: 'a "${" in its image is not closed' };
  let outcome: { unknownArgument: string } | { problem: string } | undefined;
  const result = text.replace(
    VARIABLE,
    (_match, braced: string | undefined, operator: string | undefined, word: string | undefined, plain: string | undefined) => {
      const name = (braced ?? plain)!;
      const value = args.get(name);
      if (typeof value === "object") {
        outcome ??= { unknownArgument: name };
        return "";
      }
      if (operator === "-") return value ? value : (word ?? "");
      if (operator === "+") return value ? (word ?? "") : "";
      if (value === undefined) outcome ??= { problem: `build argument ${name} has no value` };
      return value ?? "";
    },
  );
  return outcome ?? { text: result };
}

function unquote(text: string): string {
  return /^(["']).*\1$/.test(text) ? text.slice(1, -1) : text;
}

/** Logical instructions with their first line number: comments dropped, continuation lines joined. */
function instructions(dockerfile: string): Array<{ line: number; text: string }> {
  const lines = dockerfile.split(/\r?\n/);
  const escape = escapeDirective(lines);
  const result: Array<{ line: number; text: string }> = [];
  let current: { line: number; text: string } | undefined;
  lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith("#")) return;
    const continues = trimmed.endsWith(escape);
    const text = continues ? trimmed.slice(0, -1) : trimmed;
    if (current) current.text += ` ${text}`;
    else if (text !== "") current = { line: index + 1, text };
    if (!continues && current) {
      result.push({ line: current.line, text: current.text.trim() });
      current = undefined;
    }
  });
  if (current) result.push({ line: current.line, text: current.text.trim() });
  return result;
}

const PARSER_DIRECTIVE = /^#\s*([a-z][a-z0-9_-]*)\s*=\s*(\S*)\s*$/i;

/**
 * The escape character, from the parser directives at the top of the file (`# syntax=…`, `# escape=…`, in any
 * order, as Docker reads them until the first line that is not one). With `` ` `` a Windows path such as
 * `WORKDIR C:\` does not continue onto the next line.
 */
function escapeDirective(lines: readonly string[]): string {
  for (const [index, line] of lines.entries()) {
    const directive = PARSER_DIRECTIVE.exec(index === 0 ? line.replace(/^\ufeff/, "") : line);
    if (!directive) break;
    if (directive[1].toLowerCase() === "escape" && (directive[2] === "`" || directive[2] === "\\")) return directive[2];
  }
  return "\\";
}
