// Enough of a value to recognise it by: a field that should hold a reference may hold anything. Extractors clip
// what they quote, which keeps long values out of dedupe keys too, and messages clip again.
const QUOTE_LIMIT = 80;

/** The text, or its first 80 characters and an ellipsis. */
export function clip(text: string): string {
  return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text;
}
