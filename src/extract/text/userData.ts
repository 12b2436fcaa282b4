import { gunzipSync } from "zlib";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// EC2 user data is at most 16 KB encoded; cloud-init accepts gzip, so allow for a generous expansion and no more.
const MAX_DECOMPRESSED_BYTES = 1024 * 1024;
// Decoded bytes count as text when nearly all are printable: a base64-looking word that is not a script must not be read.
const CONTROL = /[\u0000-\u0008\u000e-\u001f\ufffd]/g;

/** The scripts a user-data value may carry: the value itself, and its base64 (optionally gzip) decoding when it is text. */
export function userDataTexts(value: string): Array<{ text: string; note?: string }> {
  const texts: Array<{ text: string; note?: string }> = [{ text: value }];
  const compact = value.replace(/\s+/g, "");
  if (compact.length < 8 || compact.length % 4 !== 0 || !BASE64.test(compact)) return texts;
  let bytes = Buffer.from(compact, "base64");
  let note = "in base64-decoded user data";
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_DECOMPRESSED_BYTES });
      note = "in base64-decoded, gunzipped user data";
    } catch {
      return texts;
    }
  }
  const decoded = bytes.toString("utf8");
  const control = decoded.match(CONTROL)?.length ?? 0;
  if (decoded.length > 0 && control / decoded.length < 0.01) texts.push({ text: decoded, note });
  return texts;
}
