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
