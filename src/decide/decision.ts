import { Exemption, Settings } from "../config/settings";
import { Vendor } from "../catalog/types";
import { VendorMatch } from "../match/vendorMatch";
import { addDays } from "../util/instant";
import { wildcardMatch } from "../util/wildcard";
import { RunPhase } from "./phase";
import { BLOCKING_ACTIONS, Change, Window, activeWindow, nextChange, nextStartOf, windowsOf } from "./windows";

export type Level = "mandatory" | "advisory";

export type Outcome =
  /** Restricted under the active window. */
  | "restricted"
  /** A deny-new window is active, but the resource existed before it. */
  | "grandfathered"
  /** An unexpired exemption in config allows it. */
  | "exempted"
  /** Every match is on a product of a category the restriction exempts. */
  | "exempt-category"
  /** No window is active yet, but a blocking one starts within warnBeforeDays. */
  | "upcoming";

export interface Decision {
  outcome: Outcome;
  level: Level;
  vendor: Vendor;
  window?: Window;
  next?: Change;
  exemption?: Exemption;
  /** Exemptions that would have applied but have expired. */
  expiredExemptions: Exemption[];
  /** For grandfathered resources: from when they stop being allowed. */
  allowedUntil?: Date;
  /** For upcoming restrictions: when the first blocking window starts. */
  blockedFrom?: Date;
}

function isGrandfathered(settings: Settings, urn: string): boolean {
  return settings.grandfathered.some((pattern) => wildcardMatch(pattern, urn));
}

function exemptionsFor(settings: Settings, vendor: Vendor, urn: string): Exemption[] {
  return settings.exemptions.filter((e) => e.vendor === vendor.id && wildcardMatch(e.urn, urn));
}

/** What to do about one vendor matched by one reference of one resource at one instant; undefined = nothing to say. */
export function decide(match: VendorMatch, urn: string, settings: Settings, asOf: Date): Decision | undefined {
  const vendor = match.vendor;
  const windows = windowsOf(vendor);
  const window = activeWindow(windows, asOf);
  const next = nextChange(windows, asOf);
  const base = { vendor, window, next, expiredExemptions: [] as Exemption[] };

  if (!window) {
    const blockedFrom = nextStartOf(windows, asOf, BLOCKING_ACTIONS);
    const soon = blockedFrom && blockedFrom <= addDays(asOf, settings.warnBeforeDays);
    return soon && match.restricted ? { ...base, outcome: "upcoming", level: "advisory", blockedFrom } : undefined;
  }
  if (!match.restricted) return { ...base, outcome: "exempt-category", level: "advisory" };

  const exemptions = exemptionsFor(settings, vendor, urn);
  const valid = exemptions.find((e) => e.expires > asOf);
  if (valid) return { ...base, outcome: "exempted", level: "advisory", exemption: valid };
  const expiredExemptions = exemptions;

  if (window.action === "warn") return { ...base, expiredExemptions, outcome: "restricted", level: "advisory" };
  if (window.action === "deny-new" && isGrandfathered(settings, urn)) {
    return { ...base, expiredExemptions, outcome: "grandfathered", level: "advisory", allowedUntil: nextStartOf(windows, asOf, ["deny"]) };
  }
  return { ...base, expiredExemptions, outcome: "restricted", level: "mandatory" };
}

/**
 * The strictest level among vendors that a value unknown during preview could belong to. Only vendors with
 * identifiers in the families the value could match (below the value's known prefix, when part of it is known)
 * count: a vendor the pack cannot recognise there anyway must not block every preview.
 */
export function decideUnknown(
  couldMatch: ReadonlyArray<keyof Vendor["identifiers"]>,
  urn: string,
  settings: Settings,
  asOf: Date,
  below?: string,
): { level: Level; vendors: Array<{ vendor: Vendor; window: Window }> } | undefined {
  const concerned: Array<{ vendor: Vendor; window: Window; level: Level }> = [];
  const couldHold = (values: readonly string[] | undefined) =>
    below === undefined ? (values?.length ?? 0) > 0 : (values ?? []).some((v) => v.toLowerCase().startsWith(below));
  for (const vendor of settings.vendors) {
    const families = [vendor.identifiers, ...(vendor.products ?? []).map((p) => p.identifiers)];
    if (!families.some((ids) => couldMatch.some((key) => couldHold(ids[key])))) continue;
    const window = activeWindow(windowsOf(vendor), asOf);
    if (!window) continue;
    if (exemptionsFor(settings, vendor, urn).some((e) => e.expires > asOf)) continue;
    const blocks = window.action === "deny" || (window.action === "deny-new" && !isGrandfathered(settings, urn));
    concerned.push({ vendor, window, level: blocks ? "mandatory" : "advisory" });
  }
  if (concerned.length === 0) return undefined;
  return {
    level: concerned.some((c) => c.level === "mandatory") ? "mandatory" : "advisory",
    vendors: concerned.map(({ vendor, window }) => ({ vendor, window })),
  };
}

/**
 * Whether an unknown value waits for the stack pass, where it is advisory. At preview nothing is created yet:
 * the engine analyzes each resource again during the update, with resolved values, before it creates it, and a
 * mandatory finding stops the update there. The stack pass sees what each value is computed from, which the
 * per-resource pass cannot. `unknownsAtPreview: "mandatory"` keeps the block at preview, for teams whose only
 * gate is a preview.
 */
export function unknownsWaitForStackPass(settings: Settings, phase: RunPhase): boolean {
  return phase === "preview" && settings.unknownsAtPreview === "advisory";
}
