import { Catalog } from "../catalog/types";
import { SettingsResult, compileSettings } from "./settings";

interface Compiled {
  entries: Array<[string, unknown]>;
  result: SettingsResult;
}

/** Configs compiled per catalog, by their JSON text, shared by every policy built on that catalog. */
const compiledByCatalog = new WeakMap<Catalog, Map<string, Compiled>>();
/** A pack holds a few policies, usually configured alike; a few distinct configs at once is the most there is. */
const KEPT_PER_CATALOG = 8;

/**
 * Compiling a config (indexes, inventory) is far costlier than evaluating one resource, so it is done once
 * per configuration. The SDK hands each call a fresh shallow copy of the same config, so the key is the
 * identity of its values; a new Configure call produces new values and so a new lookup. Each policy receives
 * its own copy of a config that an organisation usually gives every policy alike, so a config is compiled
 * once for all of them, found by its content. When Configure gave the policies one decoded tree
 * (src/sdk/decodeConfigureOnce.ts), another policy's copy holds the very same values and is found by them,
 * without serializing a large config again. Compilation is synchronous, so concurrent Analyze calls can
 * never observe a half-built entry.
 */
export class SettingsCache {
  private last?: Compiled;

  constructor(private readonly catalog: Catalog) {}

  get(raw: Record<string, unknown>): SettingsResult {
    const entries = Object.entries(raw);
    if (this.last && sameEntries(this.last.entries, entries)) return this.last.result;
    // Remembered with this call's values: a config found by content holds an earlier Configure's values, and
    // comparing with those would serialize the config again on every later call.
    this.last = { entries, result: this.compiled(raw, entries).result };
    return this.last.result;
  }

  private compiled(raw: Record<string, unknown>, entries: Array<[string, unknown]>): Compiled {
    const byContent = compiledByCatalog.get(this.catalog) ?? compiledByCatalog.set(this.catalog, new Map()).get(this.catalog)!;
    for (const compiled of byContent.values()) if (sameEntries(compiled.entries, entries)) return compiled;
    const key = JSON.stringify(raw);
    const found = byContent.get(key);
    if (found) return found;
    const compiled = { entries, result: compileSettings(raw, this.catalog) };
    if (byContent.size >= KEPT_PER_CATALOG) byContent.delete(byContent.keys().next().value!);
    byContent.set(key, compiled);
    return compiled;
  }
}

function sameEntries(a: Array<[string, unknown]>, b: Array<[string, unknown]>): boolean {
  return a.length === b.length && a.every(([key, value], i) => b[i][0] === key && b[i][1] === value);
}
