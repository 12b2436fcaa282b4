import { isValidDomain, withoutRootDot } from "./host";

/**
 * The one reading of a URL (RFC 3986: `scheme://[userinfo@]host[:port]path[?query][#fragment]`) that every
 * extractor shares: the host loses its user info, where credentials travel, and its root dot; the query and
 * fragment are dropped.
 */
export interface Url {
  /** Lower-case. */
  scheme: string;
  /** As written, with its port if one was written. */
  host: string;
  /** Up to the query or fragment; may be empty. */
  path: string;
}

/** An http(s) URL as a whole value, for documents that cite one (a catalog source, a legal basis). */
export const HTTP_URL = /^https?:\/\/\S+$/;

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const URL = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i;

/** The lower-case scheme of text that starts with `scheme://`. */
export function schemeOf(text: string): string | undefined {
  return SCHEME.exec(text)?.[1].toLowerCase();
}

/** The text after its `scheme://`, or the text itself when it has none. */
export function withoutScheme(text: string): string {
  return text.slice(SCHEME.exec(text)?.[0].length ?? 0);
}

/** A URL at the start of the text, if it starts with `scheme://` and names a valid host. */
export function readUrl(text: string): Url | undefined {
  const url = URL.exec(text);
  if (!url) return undefined;
  const host = withoutRootDot(url[2].slice(url[2].lastIndexOf("@") + 1));
  return isValidDomain(host) ? { scheme: url[1].toLowerCase(), host, path: url[3] } : undefined;
}
