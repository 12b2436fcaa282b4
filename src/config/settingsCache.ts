import { Catalog } from "../catalog/types";
import { SettingsResult, compileSettings } from "./settings";

/**
 * Compiling a config (indexes, inventory) is far costlier than evaluating one resource, so it is done once
 * per configuration. The SDK hands each call a fresh shallow copy of the same config, so the key is the
 * identity of its values; a new Configure call produces new values and so a new compile. Compilation is
 * synchronous, so concurrent Analyze calls can never observe a half-built entry.
 */
export class SettingsCache {
  private last?: { entries: Array<[string, unknown]>; result: SettingsResult };

  constructor(private readonly catalog: Catalog) {}

  get(raw: Record<string, unknown>): SettingsResult {
    const entries = Object.entries(raw);
    if (this.last && sameEntries(this.last.entries, entries)) return this.last.result;
    const result = compileSettings(raw, this.catalog);
    this.last = { entries, result };
    return result;
  }
}

function sameEntries(a: Array<[string, unknown]>, b: Array<[string, unknown]>): boolean {
  return a.length === b.length && a.every(([key, value], i) => b[i][0] === key && b[i][1] === value);
}
