import { gunzipSync } from "zlib";
import { LIMITS } from "../limits";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const NOT_BASE64 = /[^A-Za-z0-9+/=\s]/;

export type UserDataText = { text: string; note?: string; undecoded?: undefined } | { undecoded: string; text?: undefined; note?: undefined };

/**
 * The scripts a user-data value may carry: the value itself, and its base64 (optionally gzip) decoding when it
 * is text. Gzip data that does not decompress within the limit is named as undecoded rather than skipped.
 */
export function userDataTexts(value: string): UserDataText[] {
  return withCloudConfigCommands(withMultipartParts(encodedTexts(value)));
}

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
  // A script is seen not to be base64 at its first character ("#!"): no need to copy it without whitespace first.
  if (NOT_BASE64.test(value)) return texts;
  const compact = value.replace(/\s+/g, "");
  if (compact.length < 8 || compact.length % 4 !== 0 || !BASE64.test(compact)) return texts;
  let bytes = Buffer.from(compact, "base64");
  let note = "in base64-decoded user data";
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: LIMITS.gunzippedBytes });
      note = "in base64-decoded, gunzipped user data";
    } catch (error) {
      const tooLarge = (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE";
      texts.push({ undecoded: tooLarge ? `its gzip content expands beyond ${LIMITS.gunzippedBytes} bytes and was not decompressed` : "its base64 content is gzip data that does not decompress" });
      return texts;
    }
  }
  const decoded = bytes.toString("utf8");
  if (decoded.length > 0 && controlCount(decoded) / decoded.length < 0.01) texts.push({ text: decoded, note });
  return texts;
}

// Decoded bytes count as text when nearly all are printable: a base64-looking word that is not a script must not be read.
function controlCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x08 || (code >= 0x0e && code <= 0x1f) || code === 0xfffd) count++;
  }
  return count;
}

const CLOUD_CONFIG_LIST = "in a cloud-config command list";

/**
 * cloud-init runs a `runcmd`/`bootcmd` entry written as a list (`- [docker, run, vendor/agent]`) without a shell,
 * one word per item: the scan of the text as a script would read it as words glued to commas and brackets. Such
 * entries are added as a script of their own, each item quoted as one word.
 */
function withCloudConfigCommands(texts: UserDataText[]): UserDataText[] {
  const result = [...texts];
  for (const entry of texts) {
    if (entry.text === undefined || !entry.text.includes("#cloud-config")) continue;
    const commands = flowListCommands(entry.text);
    if (commands.length > 0) result.push({ text: commands.join("\n"), note: withNote(entry.note, CLOUD_CONFIG_LIST) });
  }
  return result;
}

/** Each line that is a list item holding a one-line YAML flow sequence (`- [a, "b c", 'd']`), as a shell command line. */
function flowListCommands(text: string): string[] {
  const commands: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line.startsWith("-")) continue;
    const list = line.slice(1).trimStart();
    if (!list.startsWith("[") || !list.endsWith("]")) continue;
    const items = flowItems(list.slice(1, -1));
    if (items.length > 0) commands.push(items.map(shellQuoted).join(" "));
  }
  return commands;
}

/** The scalars of a flow sequence's body: plain, 'single-quoted' ('' is a quote) or "double-quoted" (with escapes). Linear. */
function flowItems(body: string): string[] {
  const items: string[] = [];
  let i = 0;
  while (i < body.length) {
    while (i < body.length && (body[i] === " " || body[i] === "\t")) i++;
    let item = "";
    const quote = body[i];
    if (quote === "'" || quote === '"') {
      i++;
      while (i < body.length) {
        const c = body[i];
        if (quote === "'" && c === "'") {
          if (body[i + 1] !== "'") break;
          item += "'";
          i += 2;
        } else if (quote === '"' && c === '"') break;
        else if (quote === '"' && c === "\\" && i + 1 < body.length) {
          const escaped = body[i + 1];
          item += escaped === "n" ? "\n" : escaped === "t" ? "\t" : escaped;
          i += 2;
        } else {
          item += c;
          i++;
        }
      }
      i++;
      const comma = body.indexOf(",", i);
      i = comma < 0 ? body.length : comma + 1;
    } else {
      const comma = body.indexOf(",", i);
      const end = comma < 0 ? body.length : comma;
      item = body.slice(i, end).trim();
      i = end + 1;
    }
    if (item !== "") items.push(item);
  }
  return items;
}

const shellQuoted = (word: string) => `'${word.replace(/'/g, "'\\''")}'`;
