import { POLICY_NAMES } from "../src/config/policyNames";
import { additionalVendors, inventory } from "./testData";

/** Windows are evaluated at a fixed instant, so findings do not change with the day the bench runs. */
export const AS_OF = "2025-06-01";

/**
 * The --policy-pack-config file the bench passes to both packs: every policy gets the same properties,
 * as an organisation configures them. `vendorCount` additional vendors (the test vendor first). The level is
 * explicit because the CLI rejects config for a policy a pack lacks (the empty pack) when it names no level.
 */
export function packConfig(vendorCount: number): Record<string, unknown> {
  const properties = { asOf: AS_OF, additionalVendors: additionalVendors(vendorCount), amiInventory: { Images: inventory.all } };
  return Object.fromEntries(POLICY_NAMES.map((name) => [name, { enforcementLevel: "mandatory", ...properties }]));
}
