/**
 * The variables a script assigns, to expand the words a command uses them in (`docker run "$AGENT_IMAGE"`).
 *
 * Every assignment anywhere in the text counts, whatever runs it: `IMG=x`, `export IMG=x`, a line of an env
 * file the script writes and sources, a systemd unit's `Environment="IMG=x"`, and PowerShell's `$img = "x"`
 * and `$env:IMG = "x"` (names without regard to case, as PowerShell reads them). The order of the script is not
 * followed: a variable assigned twice is expanded with each value, which can only add candidates.
 */
export class ShellVariables {
  private readonly shell = new Map<string, string[]>();
  private readonly powershell = new Map<string, string[]>();

  constructor(text: string) {
    for (const match of text.matchAll(SHELL_ASSIGNMENT)) add(this.shell, match[1], unquoted(match[2]));
    if (text.includes("$")) for (const match of text.matchAll(POWERSHELL_ASSIGNMENT)) add(this.powershell, match[1].toLowerCase(), unquoted(match[2]));
  }

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

  private valueOf(name: string): string | undefined {
    return /^env:/i.test(name) ? this.powershell.get(name.slice(4).toLowerCase())?.[0] : (this.shell.get(name) ?? this.powershell.get(name.toLowerCase()))?.[0];
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
    const values = /^env:/i.test(name) ? this.powershell.get(name.slice(4).toLowerCase()) : (this.shell.get(name) ?? this.powershell.get(name.toLowerCase()));
    const known = values ?? (fallback !== undefined ? [fallback] : [whole]);
    // A value may use variables itself (`IMG=$REGISTRY/agent:$TAG`), a few levels deep.
    if (depth >= MAX_DEPTH) return known;
    return known.flatMap((value) => (value.includes("$") && value !== whole ? this.expandWord(value, depth + 1) : [value])).slice(0, MAX_READINGS);
  }
}

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
// `$name = value` and `$env:NAME = value`.
const POWERSHELL_ASSIGNMENT = /\$(?:env:)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(?=("[^"\n]{0,513}"|'[^'\n]{0,513}'|[^\s;|`()"']{1,513}))/gi;
// `${NAME}`, `${NAME:-default}` / `${NAME-default}`, `${env:NAME}`, `$NAME`, `$env:NAME`.
const VARIABLE_USE = /\$\{((?:env:)?[A-Za-z_][A-Za-z0-9_]*)(?::?[-=]([^}]*))?\}|\$((?:env:)?[A-Za-z_][A-Za-z0-9_]*)/gi;

function add(table: Map<string, string[]>, name: string, value: string): void {
  if (value === "" || value.length > MAX_VALUE_LENGTH) return;
  const values = table.get(name);
  if (!values) table.set(name, [value]);
  else if (values.length < MAX_VALUES && !values.includes(value)) values.push(value);
}

const unquoted = (value: string) => (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]) ? value.slice(1, -1) : value);
