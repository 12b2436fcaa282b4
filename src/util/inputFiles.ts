import * as fs from "fs";

/** A problem with one input (a file, a stack, a program), reported on one line naming it. */
export class InputError extends Error {
  constructor(
    readonly source: string,
    readonly problem: string,
  ) {
    super(`${source}: ${problem}`);
    this.name = "InputError";
  }
}

/**
 * JSON.parse's message without the excerpt of the file that Node puts in some of them (`Unexpected token 'x',
 * "...text..." is not valid JSON`): an export made with --show-secrets holds secrets in clear, and reports
 * must never quote them.
 */
function jsonSyntaxProblem(error: Error): string {
  const excerpt = error.message.indexOf('"');
  return excerpt < 0 ? error.message : error.message.slice(0, excerpt).replace(/[,\s]+$/, "");
}

/** JSON text read from `source`; malformed text is an InputError that quotes none of it. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(source, `malformed JSON: ${jsonSyntaxProblem(e as Error)}`);
  }
}

/** The text of a file the user named; a file that cannot be read is an InputError saying why in a few words. */
export function readInputFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(file, code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message);
  }
}

/** A JSON file the user named, parsed; `whenEmpty` is the value of a file holding only whitespace, if that is allowed. */
export function readJsonFile(file: string, options: { whenEmpty?: unknown } = {}): unknown {
  const text = readInputFile(file);
  if ("whenEmpty" in options && text.trim() === "") return options.whenEmpty;
  return parseJson(text, file);
}
