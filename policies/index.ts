import { EnforcementLevel } from "@pulumi/policy";
import { builtInCatalog } from "../src/catalog/builtIn";
import { Catalog } from "../src/catalog/types";
import { runPhase } from "../src/decide/phase";
import { amiMetadata, amiScope } from "./ami";
import { containerImageMetadata, containerImageScope } from "./containerImage";
import { marketplaceListingMetadata, marketplaceListingScope } from "./marketplaceListing";
import { PolicyName } from "../src/config/policyNames";
import { RestrictedVendorPolicy, restrictedVendorPolicy } from "./restrictedVendorPolicy";

export { POLICY_NAMES } from "../src/config/policyNames";
export type { PolicyName } from "../src/config/policyNames";
export { configSchema } from "./restrictedVendorPolicy";
export type { RestrictedVendorPolicy } from "./restrictedVendorPolicy";

export interface RestrictedVendorPoliciesOptions {
  /** Level for every policy, or per policy name; default "mandatory". */
  enforcementLevel?: EnforcementLevel | Partial<Record<PolicyName, EnforcementLevel>>;
  /** Replaces the built-in catalog (for example a vetted copy kept by the organisation). */
  catalog?: Catalog;
}

const DEFINITIONS = [
  { metadata: amiMetadata, scope: amiScope },
  { metadata: containerImageMetadata, scope: containerImageScope },
  { metadata: marketplaceListingMetadata, scope: marketplaceListingScope },
];

/** The restricted-vendor policies, for this pack or for an organisation's own pack. */
export function restrictedVendorPolicies(options: RestrictedVendorPoliciesOptions = {}): RestrictedVendorPolicy[] {
  const catalog = options.catalog ?? builtInCatalog;
  const phase = runPhase();
  return DEFINITIONS.map(({ metadata, scope }) => {
    const level = typeof options.enforcementLevel === "object" ? options.enforcementLevel[metadata.name] : options.enforcementLevel;
    return restrictedVendorPolicy(metadata, scope, { catalog, enforcementLevel: level, phase });
  });
}
