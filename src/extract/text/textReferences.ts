import { isValidDomain } from "../../reference/host";
import { parseImageReference } from "../../reference/image";
import { Url, readUrl, schemeOf } from "../../reference/url";
import { hostFacts, imageFacts } from "../container/imageFacts";
import { isSeparator, trimEnd, withoutCredentials } from "../quote";
import { Reference } from "../types";
import { ImageArgument, imageArguments } from "./commandLine";

const TRAILING_PUNCTUATION = ".:,;!?";

/**
 * References in free text (scripts, command lines, environment values, any string property): images with an
 * explicit registry host, `oci://` and `docker://` references, and http(s) URLs by their host. Which of them
 * matter is decided by the catalog; only the reference itself is ever kept, never the text around it, and a
 * URL or host path loses its user info, query and fragment, where credentials travel.
 */
export function referencesInText(path: string, text: string, note?: string, images: readonly ImageArgument[] = imageArguments(text)): Reference[] {
  const found = new Map<string, Reference>();
  const add = (reference: Reference | undefined) => {
    if (reference && !found.has(reference.value))
      found.set(reference.value, note ? { ...reference, note: reference.note ? `${note}; ${reference.note}` : note } : reference);
  };
  for (const { command, image } of images) add(imageReference(path, image, `argument of "${command}"`));
  for (const token of slashTokens(text)) add(tokenReference(path, token));
  return [...found.values()];
}

/** Only the generic part, for string properties that are not known to hold commands. */
export function hostReferencesInText(path: string, text: string): Reference[] {
  if (!text.includes("/")) return [];
  const found = new Map<string, Reference>();
  for (const token of slashTokens(text)) {
    const reference = tokenReference(path, token);
    if (reference && !found.has(reference.value)) found.set(reference.value, reference);
  }
  return [...found.values()];
}

/**
 * The words of the text that contain a "/", one at a time, found from the slashes outward: a long text is never
 * split into an array of all its words, and words without a slash cost nothing but the search for the next slash.
 */
function* slashTokens(text: string): Generator<string> {
  let from = 0;
  for (let slash = text.indexOf("/"); slash >= 0; slash = text.indexOf("/", from)) {
    let start = slash;
    while (start > from && !isSeparator(text.charCodeAt(start - 1))) start--;
    let end = slash + 1;
    while (end < text.length && !isSeparator(text.charCodeAt(end))) end++;
    yield trimEnd(text.slice(start, end), TRAILING_PUNCTUATION);
    from = end;
  }
}

function tokenReference(path: string, raw: string): Reference | undefined {
  if (schemeOf(raw) !== undefined) {
    const url = readUrl(raw);
    return url && urlReference(path, url);
  }
  const token = withoutCredentials(raw);
  const slash = token.indexOf("/");
  if (slash < 0 || isPattern(token.slice(slash + 1))) return undefined;
  const first = token.slice(0, slash);
  // Without a registry host a token is a file path or a Docker Hub name; bare Docker Hub names in prose are too common to read.
  if (!plausibleHost(first)) return undefined;
  return (
    imageReference(path, token) ??
    (first.includes(".") && isValidDomain(first) ? { kind: "image-in-text", path, value: token, facts: hostFacts(first) } : undefined)
  );
}

// A DNS name ends in an alphabetic top-level label; numbers such as "1.2/3.4" are not hosts unless they form an IPv4 address.
function plausibleHost(hostWithPort: string): boolean {
  const host = hostWithPort.replace(/:\d+$/, "");
  return host === "localhost" || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || (host.includes(".") && /[a-z]/i.test(host.slice(host.lastIndexOf(".") + 1)));
}

/**
 * `host/`, `host/*` and `host/**`: a prefix or glob naming a registry, as deny lists (Gatekeeper's `repos`,
 * Kyverno patterns) and notes write it. Nothing can be pulled from it, so it is not a use of that registry.
 */
function isPattern(afterHost: string): boolean {
  for (let i = 0; i < afterHost.length; i++) if (afterHost[i] !== "*" && afterHost[i] !== "/") return false;
  return true;
}

// Schemes whose rest is an image reference: OCI artifacts, skopeo-style transports, BuildKit named contexts.
const IMAGE_SCHEMES = new Set(["oci", "docker", "docker-image"]);

function urlReference(path: string, { scheme, host, path: rest }: Url): Reference {
  const value = `${scheme}://${host}${rest}`;
  if (IMAGE_SCHEMES.has(scheme)) {
    const image = imageReference(path, `${host}${rest}`);
    if (image) return { ...image, value };
  }
  // Any other scheme (git, ssh, ftp...) still names the host it reaches.
  return { kind: "image-in-text", path, value, facts: hostFacts(host) };
}

/** An image reference in text, if the text parses as one. */
export function imageReference(path: string, text: string, note?: string): Reference | undefined {
  const parsed = parseImageReference(text);
  if (!parsed.ok) return undefined;
  return { kind: "image-in-text", path, value: text, facts: imageFacts(parsed.image), ...(note ? { note } : {}) };
}
