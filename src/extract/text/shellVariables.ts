/**
 * The variables a script assigns, to expand the words a command uses them in (`docker run "$AGENT_IMAGE"`).
 *
 * Every assignment anywhere in the text counts, whatever runs it: `IMG=x`, `export IMG=x`, a line of an env
 * file the script writes and sources, a systemd unit's `Environment="IMG=x"`, and PowerShell's `$img = "x"`
 * and `$env:IMG = "x"` (names without regard to case, as PowerShell reads them). The order of the script is not
 * followed: a variable assigned twice is expanded with each value, which can only add candidates.
 */
export class ShellVariables {
  /** Shell assignments by name, looked up name by name as words use them (most scripts use a few), or all at once. */
  private readonly shell = new Map<string, string[]>();
  private readonly shellNamesLookedUp = new Set<string>();
  private everyShellName = false;
  /** PowerShell assignments by lower-cased name, read once a name is not assigned by the shell. */
  private powershellTable?: Map<string, string[]>;

  constructor(private readonly text: string) {}

  /** The readings of a word with its variables expanded; none when it uses none, or only variables never assigned. */
  expand(word: string): string[] {
    if (!word.includes("$")) return [];
    const readings = this.expandWord(word, 0).filter((reading) => reading !== word && !reading.includes("$"));
    return [...new Set(readings)];
  }

  /**
   * The text with each use of an assigned variable replaced by its first value, as a compose file written by the
   * script is interpolated; substitutions stop where the text would grow longer than `maxLength`.
   */
  substitute(text: string, maxLength: number): string {
    let length = text.length;
    const result = text.replace(VARIABLE_USE, (whole: string, braced?: string, fallback?: string, bare?: string) => {
      const value = this.valueOf(braced ?? bare ?? "") ?? fallback ?? whole;
      // Past the limit nothing more is substituted, so that the result never grows beyond it.
      if (length + value.length - whole.length > maxLength) return whole;
      length += value.length - whole.length;
      return value;
    });
    return length <= maxLength ? result : text;
  }

  /**
   * Every reading of a word that any reader may produce (`expand`, `substitute`, a `helm --set` value): each use
   * replaced by each of its values (not only the first ones `expand` keeps), nested uses as deep as `expand` goes.
   * Undefined when there are more than `limit`, or when a use has neither a value in the script nor a default.
   */
  everyReading(word: string, limit: number): string[] | undefined {
    return this.readingsOf(word, 0, limit);
  }

  private readingsOf(word: string, depth: number, limit: number): string[] | undefined {
    let readings = [""];
    let last = 0;
    for (const use of word.matchAll(VARIABLE_USE)) {
      const [whole, braced, fallback, bare] = use;
      const known = this.assigned(braced ?? bare) ?? (fallback !== undefined ? [fallback] : undefined);
      if (!known) return undefined;
      const values: string[] = [];
      for (const value of known) {
        const nested = depth < MAX_DEPTH && value.includes("$") && value !== whole ? this.readingsOf(value, depth + 1, limit) : [value];
        if (!nested) return undefined;
        values.push(...nested);
      }
      const before = word.slice(last, use.index);
      last = use.index + whole.length;
      if (readings.length * values.length > limit) return undefined;
      readings = readings.flatMap((reading) => values.map((value) => reading + before + value));
    }
    const rest = word.slice(last);
    return readings.map((reading) => reading + rest);
  }

  private assigned(name: string): string[] | undefined {
    return /^env:/i.test(name) ? this.powershell().get(name.slice(4).toLowerCase()) : (this.shellAssigned(name) ?? this.powershell().get(name.toLowerCase()));
  }

  private powershell(): Map<string, string[]> {
    if (!this.powershellTable) {
      this.powershellTable = new Map();
      for (const match of this.text.matchAll(POWERSHELL_ASSIGNMENT)) add(this.powershellTable, match[1].toLowerCase(), unquoted(match[2]));
    }
    return this.powershellTable;
  }

  /**
   * The values the text's shell assignments give a name: found where the text holds `NAME=`, each place tested
   * with the one assignment pattern. Past a few names one pass over the text collects every name's instead, so
   * that a script using many variables is still read a bounded number of times.
   */
  private shellAssigned(name: string): string[] | undefined {
    if (!this.everyShellName && !this.shellNamesLookedUp.has(name)) {
      if (this.shellNamesLookedUp.size < NAMES_LOOKED_UP_ONE_BY_ONE) {
        this.shellNamesLookedUp.add(name);
        const assignment = `${name}=`;
        for (let at = this.text.indexOf(assignment); at >= 0; at = this.text.indexOf(assignment, at + 1)) {
          SHELL_ASSIGNMENT_AT.lastIndex = at;
          const match = SHELL_ASSIGNMENT_AT.exec(this.text);
          if (match?.[1] === name) add(this.shell, name, unquoted(match[2]));
        }
      } else {
        this.shell.clear();
        for (const match of this.text.matchAll(SHELL_ASSIGNMENT)) add(this.shell, match[1], unquoted(match[2]));
        this.everyShellName = true;
      }
    }
    return this.shell.get(name);
  }

  private valueOf(name: string): string | undefined {
    return this.assigned(name)?.[0];
  }

  private expandWord(word: string, depth: number): string[] {
    let readings = [""];
    let last = 0;
    for (const use of word.matchAll(VARIABLE_USE)) {
      const values = this.valuesOf(use, depth);
      const before = word.slice(last, use.index);
      last = use.index + use[0].length;
      const next: string[] = [];
      for (const reading of readings) for (const value of values) if (next.length < MAX_READINGS) next.push(reading + before + value);
      readings = next;
    }
    const rest = word.slice(last);
    return readings.map((reading) => reading + rest);
  }

  /** What one use (`$X`, `${X}`, `${X:-default}`, `$env:X`) may stand for; itself when nothing is known of it. */
  private valuesOf(use: RegExpMatchArray, depth: number): string[] {
    const [whole, braced, fallback, bare] = use;
    const name = braced ?? bare;
    const values = this.assigned(name);
    const known = values ?? (fallback !== undefined ? [fallback] : [whole]);
    // A value may use variables itself (`IMG=$REGISTRY/agent:$TAG`), a few levels deep.
    if (depth >= MAX_DEPTH) return known;
    return known.flatMap((value) => (value.includes("$") && value !== whole ? this.expandWord(value, depth + 1) : [value])).slice(0, MAX_READINGS);
  }
}

/**
 * Every reading a reader may give the parts of a text that use a variable, for the prefilter: each run of the text
 * between blanks that holds a use, with its uses expanded (`everyReading`). A reader's word lies within one such
 * run, unless its quotes hold blanks; what it reads there is one of these readings (or a part of one cut at a blank).
 * Undefined when a use has no value in the text, or when there are more than `limit` readings in all.
 */
export function variableReadings(text: string, limit: number): string[] | undefined {
  const variables = new ShellVariables(text);
  const readings: string[] = [];
  const read = (run: string) => {
    const found = run.length <= MAX_RUN ? variables.everyReading(run, limit - readings.length) : undefined;
    if (found) readings.push(...found);
    return found !== undefined;
  };
  let runStart = -1;
  let runEnd = 0;
  for (let use = nextUse(text, 0); use; use = nextUse(text, use.index + use[0].length)) {
    const useEnd = use.index + use[0].length;
    // A use that starts within the run belongs to it, even where its default (`${X:-a b}`) holds a blank.
    if (runStart >= 0 && use.index < runEnd) {
      runEnd = Math.max(runEnd, blankAfter(text, useEnd));
      continue;
    }
    if (runStart >= 0 && !read(text.slice(runStart, runEnd))) return undefined;
    runStart = use.index;
    while (runStart > runEnd && !isBlank(text.charCodeAt(runStart - 1))) runStart--;
    runEnd = blankAfter(text, useEnd);
  }
  if (runStart >= 0 && !read(text.slice(runStart, runEnd))) return undefined;
  return readings;
}

/** The first use of a variable at or after `from`: the text's `$` are found natively, and only there is the pattern tried. */
function nextUse(text: string, from: number): RegExpExecArray | null {
  for (let at = text.indexOf("$", from); at >= 0; at = text.indexOf("$", at + 1)) {
    VARIABLE_USE_AT.lastIndex = at;
    const use = VARIABLE_USE_AT.exec(text);
    if (use) return use;
  }
  return null;
}

// A run longer than any word worth expanding (the readers keep values of up to 512 characters) is not expanded here.
const MAX_RUN = 4096;

function blankAfter(text: string, from: number): number {
  let end = from;
  while (end < text.length && !isBlank(text.charCodeAt(end))) end++;
  return end;
}

// Blanks and line ends: the shell's and the documents' word separators, which no catalog literal holds (see prefilter).
const isBlank = (code: number) => code === 32 || (code >= 9 && code <= 13);

// An image reference is at most a few hundred characters: a longer value is not one, and is not kept.
const MAX_VALUE_LENGTH = 512;
// Values kept per variable, and readings of one word: a script that assigns one name many times cannot make a word's expansion grow without bound.
const MAX_VALUES = 8;
const MAX_READINGS = 16;
const MAX_DEPTH = 3;

// `NAME=value` at the start of a word (after a blank, an operator, a quote or `=`): shell, env files, `Environment=`.
// The value is read ahead without being consumed, so that an assignment inside it (`Environment="IMG=x"`) is found
// too; it is read only as far as a value can be kept, so that each character is read a bounded number of times.
const SHELL_ASSIGNMENT = /(?<![^\s;&|(`"'=])([A-Za-z_][A-Za-z0-9_]*)=(?=("[^"\n]{0,513}"|'[^'\n]{0,513}'|[^\s;&|`()"'=]{0,513}))/g;
// The same pattern tried at one place: where the text holds a name followed by `=`.
const SHELL_ASSIGNMENT_AT = new RegExp(SHELL_ASSIGNMENT.source, "y");
// Names whose assignments are looked up one by one, before one pass reads every assignment.
const NAMES_LOOKED_UP_ONE_BY_ONE = 8;
// `$name = value` and `$env:NAME = value`.
const POWERSHELL_ASSIGNMENT = /\$(?:env:)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(?=("[^"\n]{0,513}"|'[^'\n]{0,513}'|[^\s;|`()"']{1,513}))/gi;
// `${NAME}`, `${NAME:-default}` / `${NAME-default}`, `${env:NAME}`, `$NAME`, `$env:NAME`.
const VARIABLE_USE = /\$\{((?:env:)?[A-Za-z_][A-Za-z0-9_]*)(?::?[-=]([^}]*))?\}|\$((?:env:)?[A-Za-z_][A-Za-z0-9_]*)/gi;
const VARIABLE_USE_AT = new RegExp(VARIABLE_USE.source, "iy");

function add(table: Map<string, string[]>, name: string, value: string): void {
  if (value === "" || value.length > MAX_VALUE_LENGTH) return;
  const values = table.get(name);
  if (!values) table.set(name, [value]);
  else if (values.length < MAX_VALUES && !values.includes(value)) values.push(value);
}

const unquoted = (value: string) => (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]) ? value.slice(1, -1) : value);
