import { Catalog, Vendor } from "../catalog/types";
import { CatalogIndex } from "../match/catalogIndex";
import { AmiInventory, buildInventory } from "./amiInventory";
import { DEFAULT_WARN_BEFORE_DAYS, policyConfigDefinition } from "./definition";

export interface Exemption {
  vendor: string;
  urn: string;
  reason: string;
  expires: Date;
  category?: string;
}

export interface PullThroughCache {
  registry: string;
  prefix: string;
  upstream: string;
}

/** Everything a policy evaluation needs, compiled once per configuration. */
export interface Settings {
  /** Fixed instant from config; absent means "now" at each evaluation. */
  asOf?: Date;
  warnBeforeDays: number;
  vendors: Vendor[];
  index: CatalogIndex;
  grandfathered: string[];
  exemptions: Exemption[];
  inventory: AmiInventory;
  amiResolution: "offline" | "aws";
  pullThroughCaches: PullThroughCache[];
  /** The level of a value unknown during preview; during an update an unknown always fails closed. */
  unknownsAtPreview: "advisory" | "mandatory";
  programDirectory?: string;
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; problems: string[] };

export function evaluationInstant(settings: Settings): Date {
  return settings.asOf ?? new Date();
}

/** Validates a policy's config strictly and compiles it; every problem is named, none is skipped. */
export function compileSettings(raw: Record<string, unknown>, catalog: Catalog): SettingsResult {
  const problems: string[] = [];
  const config = policyConfigDefinition.parse(raw, "config", problems);
  if (!config) return { ok: false, problems };

  const builtInIds = new Set(catalog.vendors.map((v) => v.id));
  const additional = config.additionalVendors ?? [];
  additional.forEach((vendor, i) => {
    if (builtInIds.has(vendor.id))
      problems.push(`config.additionalVendors[${i}].id "${vendor.id}" clashes with the built-in catalog vendor of that id: choose another id`);
    if (additional.findIndex((v) => v.id === vendor.id) !== i) problems.push(`config.additionalVendors[${i}].id "${vendor.id}" is declared twice`);
  });
  const allVendors = [...catalog.vendors, ...additional];
  const byId = new Map(allVendors.map((v) => [v.id, v]));
  const knownIds = () => [...byId.keys()].join(", ");
  (config.disabledVendors ?? []).forEach((id, i) => {
    if (!byId.has(id)) problems.push(`config.disabledVendors[${i}] "${id}" is not a vendor id (known: ${knownIds()})`);
  });
  (config.exemptions ?? []).forEach((exemption, i) => {
    const vendor = byId.get(exemption.vendor);
    if (!vendor) problems.push(`config.exemptions[${i}].vendor "${exemption.vendor}" is not a vendor id (known: ${knownIds()})`);
    else if (exemption.category !== undefined && !vendor.exemptCategories.includes(exemption.category)) {
      const allowed = vendor.exemptCategories.length ? vendor.exemptCategories.join(", ") : "none";
      problems.push(`config.exemptions[${i}].category "${exemption.category}" is not an exempt category of ${vendor.id} (exempt categories: ${allowed})`);
    }
  });
  if (problems.length > 0) return { ok: false, problems };

  const disabled = new Set(config.disabledVendors ?? []);
  const vendors = allVendors.filter((v) => !disabled.has(v.id));
  return {
    ok: true,
    settings: {
      asOf: config.asOf,
      warnBeforeDays: config.warnBeforeDays ?? DEFAULT_WARN_BEFORE_DAYS,
      vendors,
      index: new CatalogIndex(vendors),
      grandfathered: config.grandfathered ?? [],
      exemptions: config.exemptions ?? [],
      inventory: buildInventory(config.amiInventory?.Images ?? []),
      amiResolution: config.amiResolution ?? "offline",
      pullThroughCaches: config.pullThroughCaches ?? [],
      unknownsAtPreview: config.unknownsAtPreview ?? "advisory",
      programDirectory: config.programDirectory,
    },
  };
}
