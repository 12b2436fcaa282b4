/**
 * The sentinels the engine sends for values not known during preview. The SDK's proxy throws when a
 * policy touches one, which would turn "could not check" into an advisory the SDK writes for us; the pack
 * reads the raw values instead and decides itself how to fail closed.
 */
const UNKNOWN_SENTINELS = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

const SENTINELS = [...UNKNOWN_SENTINELS];
const SENTINEL_LENGTH = 36;

// The length first: looking a string up in the set hashes all of it, a boot script of kilobytes on every call.
export function isUnknown(value: unknown): boolean {
  return typeof value === "string" && value.length === SENTINEL_LENGTH && UNKNOWN_SENTINELS.has(value);
}

/** Whether a value holds an unknown anywhere: as a value, or inside a string (a JSON or YAML document). */
export function holdsUnknown(value: unknown): boolean {
  if (typeof value === "string") return value.length >= SENTINEL_LENGTH && SENTINELS.some((sentinel) => value.includes(sentinel));
  if (typeof value !== "object" || value === null) return false;
  return Array.isArray(value) ? value.some(holdsUnknown) : Object.values(value).some(holdsUnknown);
}
