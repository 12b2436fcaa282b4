import { EnforcementWindow, Vendor, WindowAction } from "../catalog/types";
import { parseInstant } from "../util/instant";

export interface Window {
  from: Date;
  until?: Date;
  action: WindowAction;
}

export interface Change {
  at: Date;
  /** The action from then on, or "none" when the last window ends. */
  action: WindowAction | "none";
}

const compiled = new WeakMap<Vendor, Window[]>();

/** A vendor's windows as instants, sorted by start; computed once per vendor object. */
export function windowsOf(vendor: Vendor): Window[] {
  let windows = compiled.get(vendor);
  if (!windows) {
    windows = vendor.windows.map(toWindow).sort((a, b) => a.from.getTime() - b.from.getTime());
    compiled.set(vendor, windows);
  }
  return windows;
}

function toWindow(window: EnforcementWindow): Window {
  // Validated when the catalog or config was loaded; a failure here is a programming error.
  const from = parseInstant(window.from)!;
  return { from, action: window.action, until: window.until ? parseInstant(window.until) : undefined };
}

/** The window with the latest start at or before `asOf`, if `asOf` is also before its end. */
export function activeWindow(windows: Window[], asOf: Date): Window | undefined {
  let latest: Window | undefined;
  for (const window of windows) if (window.from <= asOf) latest = window;
  return latest && (!latest.until || asOf < latest.until) ? latest : undefined;
}

/** The next instant after `asOf` at which the active action changes. */
export function nextChange(windows: Window[], asOf: Date): Change | undefined {
  const current = activeWindow(windows, asOf)?.action ?? "none";
  const instants = windows.flatMap((w) => (w.until ? [w.from, w.until] : [w.from])).filter((t) => t > asOf);
  instants.sort((a, b) => a.getTime() - b.getTime());
  for (const at of instants) {
    const action = activeWindow(windows, at)?.action ?? "none";
    if (action !== current) return { at, action };
  }
  return undefined;
}

/** The start of the first window after `asOf` whose action is one of `actions`. */
export function nextStartOf(windows: Window[], asOf: Date, actions: readonly WindowAction[]): Date | undefined {
  return windows.find((w) => actions.includes(w.action) && w.from > asOf)?.from;
}

export const BLOCKING_ACTIONS: readonly WindowAction[] = ["deny-new", "deny"];
