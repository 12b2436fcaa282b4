/**
 * What may be quoted from a resource's text, and the string helpers every scan of that text shares. Each runs in
 * linear time: resource text is untrusted, and a regular expression such as /[.:]+$/ is quadratic on long runs.
 */
import { clip } from "../util/clip";

/**
 * What a "could not check" message may show of a value that should have held a reference: only its first
 * word, without URL credentials, query or fragment. A field that should hold an image may hold a whole
 * command line, and the words after the first are where tokens and passwords travel.
 */
export function quotable(value: string): string {
  const text = value.trim();
  // An unrendered template expression names a value rather than holding one, and is what a reader must see.
  if (TEMPLATE_EXPRESSION.test(text)) return clip(text);
  const first = firstWord(text);
  const word = clip(withoutCredentials(first));
  return first.length < text.length ? `${word} …` : word;
}

const TEMPLATE_EXPRESSION = /^\{\{[^{}]*\}\}$/;

/** The text up to its first whitespace, leading whitespace ignored. */
export function firstWord(value: string): string {
  const text = value.trimStart();
  const space = text.search(/\s/);
  return space < 0 ? text : text.slice(0, space);
}

/** A URL or reference without its user info (`user:password@`), query and fragment. */
export function withoutCredentials(text: string): string {
  const end = firstOf(text, "?#");
  const bare = end < 0 ? text : text.slice(0, end);
  const scheme = bare.indexOf("://");
  const authorityStart = scheme < 0 ? 0 : scheme + 3;
  const slash = bare.indexOf("/", authorityStart);
  // Without a scheme, only a word with a path has an authority: `name@sha256:…` is an image digest.
  if (scheme < 0 && slash < 0) return bare;
  const authority = bare.slice(authorityStart, slash < 0 ? bare.length : slash);
  const at = authority.lastIndexOf("@");
  return at < 0 ? bare : bare.slice(0, authorityStart) + bare.slice(authorityStart + at + 1);
}

/** The index of the first of `chars` in `text`, or -1: what `/[?#].*$/` does, in linear time. */
function firstOf(text: string, chars: string): number {
  for (let i = 0; i < text.length; i++) if (chars.includes(text[i])) return i;
  return -1;
}

/** `text` without a trailing run of `chars`, in linear time (a regex such as /[.:]+$/ is quadratic on long runs). */
export function trimEnd(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return end === text.length ? text : text.slice(0, end);
}

// Words of free text break at whitespace, quotes, brackets, shell operators and "=" (KEY=value, --flag=value).
const SEPARATORS = new Set([..." \t\n\v\f\r\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff\"'`,;()[]{}<>|&=\\"].map((c) => c.charCodeAt(0)));

/** Whether a character code ends a word of free text (the same characters as `\s` plus the separators above). */
export function isSeparator(code: number): boolean {
  return SEPARATORS.has(code) || (code >= 0x2000 && code <= 0x200a);
}
