/**
 * The shell's side of reading a script: how POSIX sh splits text into commands and words. What the commands mean
 * (which of them pull an image, and which word is the image) is commandLine.ts's business.
 */

/** Which commands the tokenizer hands on, and the words of each. */
export interface CommandReader {
  /** Whether this text (one command's segment, or a quoted word) may hold a command worth reading. */
  mayHoldCommand(text: string): boolean;
  /** The words of one command, redirections still in. */
  command(words: string[]): void;
}

// How deep a quoted command inside a quoted command (`sh -c "su -c 'docker run ...'"`) is read as a command again.
const MAX_NESTING = 3;
// Commands end at newlines and shell operators (but `2>&1` is a redirection); a trailing backslash continues the line.
const COMMAND_SPLIT = /\r?\n|;|(?<![<>])&|\|/;
const WORD_SPLIT = /[\s"'`()]+/;

/**
 * The same text read blind to quotes, as words between quotes and spaces: a stray quote (an apostrophe in a comment)
 * does not hide the commands after it, and a quoted command (`sh -c "..."`, even `echo "docker run ..."`) is a
 * command too.
 */
export function quoteBlindCommands(text: string, reader: CommandReader): void {
  for (const segment of text.replace(/\\\r?\n/g, " ").split(COMMAND_SPLIT)) {
    if (reader.mayHoldCommand(segment)) reader.command(segment.split(WORD_SPLIT).filter(Boolean));
  }
}

// `2>/dev/null`, `>>log`, `<in`, `2>&1`: a redirection with its target, or (`>`, `2>`, `<`) an operator whose target is the next word.
const REDIRECTION = /^\d*(?:>>?|<)/;
const BARE_REDIRECTION = /^\d*(?:>>?|<)&?$/;

/** The words of a command without its redirections, which the shell removes before the command sees its arguments. */
export function withoutRedirections(words: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!REDIRECTION.test(words[i])) kept.push(words[i]);
    else if (BARE_REDIRECTION.test(words[i])) i++;
  }
  return kept;
}

const BLANKS = new Set([" ", "\t", "\r", "\v", "\f", "\u00a0"]);
// Outside quotes these end a command: newline, `;`, `&` (and `&&`), `|` (and `||`), and subshells and substitutions.
const OPERATORS = new Set(["\n", ";", "&", "|", "(", ")", "`"]);
const DOUBLE_QUOTE_ESCAPES = new Set(['"', "\\", "$", "`", "\n"]);

const isPlain = (c: string) => !BLANKS.has(c) && !OPERATORS.has(c) && c !== "'" && c !== '"' && c !== "\\";
// isPlain by character code, for the scan of a plain word's characters (most of a script's).
const PLAIN_CODES = Uint8Array.from({ length: 256 }, (_, code) => (isPlain(String.fromCharCode(code)) ? 1 : 0));
const isPlainCode = (code: number) => (code < 256 ? PLAIN_CODES[code] === 1 : true);

/**
 * Splits text into commands and words as a POSIX shell does: quotes group words (single quotes literally, double
 * quotes with backslash escapes), a backslash escapes one character or continues a line, `#` starting a word
 * comments out the rest of the line (`quoteBlindCommands` still sees commented commands).
 * A quoted word that itself holds a command line (`sh -c "docker run ..."`) is read again as one, a few levels deep.
 * One pass over the text per level: linear time.
 */
export function shellCommands(text: string, reader: CommandReader, depth = 0): void {
  const n = text.length;
  let words: string[] = [];
  let word = "";
  let inWord = false;
  let quoted = false;
  let segmentStart = 0;
  const endWord = () => {
    if (inWord && word) {
      words.push(word);
      if (quoted && depth < MAX_NESTING && /[\s;&|]/.test(word) && reader.mayHoldCommand(word)) shellCommands(word, reader, depth + 1);
    }
    word = "";
    inWord = quoted = false;
  };
  const endCommand = (end: number) => {
    endWord();
    if (words.length > 0 && reader.mayHoldCommand(text.slice(segmentStart, end))) reader.command(words);
    words = [];
    segmentStart = end + 1;
  };
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? n : close;
      word += text.slice(i + 1, end);
      inWord = quoted = true;
      i = end + 1;
    } else if (c === '"') {
      inWord = quoted = true;
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === "\\" && DOUBLE_QUOTE_ESCAPES.has(text[i + 1])) {
          if (text[i + 1] !== "\n") word += text[i + 1];
          i += 2;
        } else {
          let j = i + 1;
          while (j < n && text[j] !== '"' && text[j] !== "\\") j++;
          word += text.slice(i, j);
          i = j;
        }
      }
      i++;
    } else if (c === "\\") {
      if (text[i + 1] === "\n") i += 2;
      else if (text[i + 1] === "\r" && text[i + 2] === "\n") i += 3;
      else {
        if (i + 1 < n) {
          word += text[i + 1];
          inWord = true;
        }
        i += 2;
      }
    } else if (BLANKS.has(c)) {
      endWord();
      i++;
    } else if (c === "&" && (text[i - 1] === ">" || text[i - 1] === "<") && inWord) {
      // `2>&1`, `>&2`: a redirection's file descriptor, not the end of the command.
      word += c;
      i++;
    } else if (OPERATORS.has(c)) {
      endCommand(i);
      i++;
    } else if (c === "#" && !inWord) {
      const newline = text.indexOf("\n", i);
      i = newline < 0 ? n : newline;
    } else {
      let j = i + 1;
      while (j < n && isPlainCode(text.charCodeAt(j))) j++;
      word += text.slice(i, j);
      inWord = true;
      i = j;
    }
  }
  endCommand(n);
}
