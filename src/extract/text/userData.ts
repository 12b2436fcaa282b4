import { gunzipSync } from "zlib";
import { LIMITS } from "../limits";
import { parsedYaml } from "./yamlDocuments";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const NOT_BASE64 = /[^A-Za-z0-9+/=\s]/;

type UserDataText = { text: string; note?: string; undecoded?: undefined } | { undecoded: string; text?: undefined; note?: undefined };

/**
 * The scripts a user-data value may carry: the value itself, and its base64 (optionally gzip) decoding when it
 * is text. Gzip data that does not decompress within the limit is named as undecoded rather than skipped.
 * `mayName` is the prefilter the scripts are read with (see ResourceInput): a cloud-config it rules out is not parsed.
 */
export function userDataTexts(value: string, mayName: (text: string) => boolean = readAll): UserDataText[] {
  return withCloudConfigScripts(withMultipartParts(encodedTexts(value)), mayName);
}

const readAll = () => true;

/** How a text was reached, after how the text it came from was reached. */
const withNote = (note: string | undefined, added: string) => (note ? `${note}; ${added}` : added);

const MULTIPART = /^content-type:[ \t]*multipart\//im;
const BOUNDARY = /boundary=(?:"([^"\r\n]+)"|([^;\s]+))/i;
const BASE64_PART = /^content-transfer-encoding:[ \t]*base64[ \t]*$/im;
const MULTIPART_NOTE = "in a base64 part of multipart user data";

/**
 * cloud-init's MIME multipart user data (what `cloudinit_config` and `write-mime-multipart` produce) may carry each
 * part base64-encoded: such parts are decoded and read as scripts of their own.
 */
function withMultipartParts(texts: UserDataText[]): UserDataText[] {
  const result = [...texts];
  for (const entry of texts) {
    if (entry.text === undefined || !MULTIPART.test(entry.text)) continue;
    const match = BOUNDARY.exec(entry.text);
    const boundary = match?.[1] ?? match?.[2];
    if (!boundary) continue;
    for (const part of entry.text.split(`--${boundary}`)) {
      const headerEnd = /\r?\n\r?\n/.exec(part);
      if (!headerEnd || !BASE64_PART.test(part.slice(0, headerEnd.index))) continue;
      for (const decoded of encodedTexts(part.slice(headerEnd.index + headerEnd[0].length)).slice(1)) {
        result.push(decoded.text === undefined ? decoded : { text: decoded.text, note: withNote(entry.note, MULTIPART_NOTE) });
      }
    }
  }
  return result;
}

function encodedTexts(value: string): UserDataText[] {
  const texts: UserDataText[] = [{ text: value }];
  let bytes = base64Bytes(value);
  if (!bytes) return texts;
  let note = "in base64-decoded user data";
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: LIMITS.gunzippedBytes });
      note = "in base64-decoded, gunzipped user data";
    } catch (error) {
      const tooLarge = (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE";
      texts.push({
        undecoded: tooLarge
          ? `its gzip content expands beyond ${LIMITS.gunzippedBytes} bytes and was not decompressed`
          : "its base64 content is gzip data that does not decompress",
      });
      return texts;
    }
  }
  const decoded = bytes.toString("utf8");
  if (decoded.length > 0 && controlCount(decoded) / decoded.length < 0.01) texts.push({ text: decoded, note });
  return texts;
}

/** The bytes of a value that is base64 (of at least 8 characters, whitespace between them ignored); undefined if it is not. */
function base64Bytes(value: string): Buffer | undefined {
  // A script is seen not to be base64 at its first character ("#!"): no need to copy it without whitespace first.
  if (NOT_BASE64.test(value)) return undefined;
  // Most base64 user data is one canonical line, which decoding and encoding again gives back: no pattern to match.
  const bytes = Buffer.from(value, "base64");
  if (value.length >= 8 && bytes.toString("base64") === value) return bytes;
  const compact = value.replace(/\s+/g, "");
  if (compact.length < 8 || compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  return Buffer.from(compact, "base64");
}

// The characters controlCount counts, for one native pass over a text that holds none (a script).
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\x00-\x08\x0e-\x1f\ufffd]/;

// Decoded bytes count as text when nearly all are printable: a base64-looking word that is not a script must not be read.
function controlCount(text: string): number {
  if (!CONTROL.test(text)) return 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x08 || (code >= 0x0e && code <= 0x1f) || code === 0xfffd) count++;
  }
  return count;
}

const CLOUD_CONFIG_NOTE = "as cloud-init runs its cloud-config";
// cloud-init's own marker: the first line of a cloud-config.
const CLOUD_CONFIG = /^#cloud-config[ \t]*\r?$/m;

/**
 * A cloud-config is YAML, and cloud-init runs it: it writes `write_files`, then runs each `bootcmd` and `runcmd`
 * entry, a string through a shell or a list (in any YAML form: flow, block, nested) as words without one. The
 * text scan reads the YAML's lines as they are; what cloud-init runs is added as a script of its own, the files as
 * here-documents (so that a compose file or unit it writes is read as one), the list entries quoted word by word.
 */
function withCloudConfigScripts(texts: UserDataText[], mayName: (text: string) => boolean): UserDataText[] {
  const result = [...texts];
  for (const entry of texts) {
    if (entry.text === undefined || !CLOUD_CONFIG.test(entry.text)) continue;
    if (entry.text.length > LIMITS.documentChars) {
      result.push({
        undecoded: `the cloud-config is longer than ${LIMITS.documentChars} characters: it was scanned as text, but not parsed as YAML for the commands cloud-init runs`,
      });
      continue;
    }
    if (!canNameWhatItRuns(entry.text, mayName)) continue;
    const script = cloudConfigScript(entry.text);
    if (script === undefined)
      result.push({
        undecoded:
          "the cloud-config's YAML holds too many values (counting aliases as copies): it was scanned as text, but the commands cloud-init runs were not read",
      });
    else if (script) result.push({ text: script, note: withNote(entry.note, CLOUD_CONFIG_NOTE) });
  }
  return result;
}

/**
 * Whether the script of what a cloud-config runs can name anything the prefilter lets through. Its words are the
 * YAML's scalars, which hold the text's characters in order but for escapes (a `\`, which the prefilter reads in
 * full), folded line breaks (a blank), decoded content (`b64`, which it lets through) and numbers and dates, which
 * become words of their own of digits and a few fixed names. Still parsed: a cloud-config using variables, which
 * the script may assign otherwise than the YAML's text reads, and one with an alias (`*`), which can make the YAML
 * too large to read, as is reported (without aliases, a cloud-config short enough to parse holds fewer values).
 */
function canNameWhatItRuns(text: string, mayName: (text: string) => boolean): boolean {
  return text.includes("$") || text.includes("*") || mayName(text);
}

/** What cloud-init runs, as a script; undefined when the YAML is too large to read. */
function cloudConfigScript(text: string): string | undefined {
  const documents = parsedYaml(text);
  if (documents === "too large") return undefined;
  const config = Array.isArray(documents) ? documents[0] : undefined;
  if (typeof config !== "object" || config === null) return "";
  const { write_files: files, bootcmd, runcmd } = config as Record<string, unknown>;
  const lines: string[] = [];
  if (Array.isArray(files)) for (const file of files) lines.push(...writtenFile(file));
  for (const commands of [bootcmd, runcmd]) {
    if (!Array.isArray(commands)) continue;
    for (const command of commands) {
      if (typeof command === "string") lines.push(command);
      else if (Array.isArray(command)) lines.push(command.map((word) => shellQuoted(String(word))).join(" "));
    }
  }
  return lines.join("\n");
}

const FILE_END = "CLOUD_INIT_WRITE_FILES_END";

/** A `write_files` entry as the here-document that would write it, its content decoded as cloud-init decodes it. */
function writtenFile(file: unknown): string[] {
  if (typeof file !== "object" || file === null) return [];
  const { path, content, encoding } = file as Record<string, unknown>;
  if (typeof content !== "string") return [];
  const text = /^(?:b64|base64|gz\+b64|gzip\+base64|gz\+base64|gzip\+b64)$/i.test(String(encoding ?? "")) ? encodedTexts(content)[1]?.text : content;
  if (text === undefined) return [];
  return [`cat > ${shellQuoted(String(path ?? "file"))} <<'${FILE_END}'`, text, FILE_END];
}

const shellQuoted = (word: string) => `'${word.replace(/'/g, "'\\''")}'`;
