import { Diagnostic } from "../../src/harness/types";
import { resource, usePack } from "../support/pack";

/** Inside Kaspersky's deny window (deny from 2024-09-29T04:00Z) and the test vendor's. */
export const DENY_DATE = "2024-10-01";

/** Kaspersky Container Security's registry (the catalog's public identifier). */
export const KCS_HOST = "repo.kcs.kaspersky.com";
export const KCS_IMAGE = `${KCS_HOST}/kcs/scanner:2.0`;

/**
 * A vendor as an organisation would add one, with an identifier in every family the policies match. Test data
 * only: "examplevendor" is fictional and 111122223333 is AWS's documented placeholder account.
 */
export const testVendor = {
  id: "example-vendor",
  name: "Example Vendor Ltd.",
  legalBasis: [{ title: "Example restriction", citation: "Example Order 1", url: "https://example.com/order-1" }],
  windows: [{ from: "2024-01-01", action: "deny" }],
  exemptCategories: [],
  identifiers: {
    imageRepositories: ["docker.io/examplevendor/**"],
    awsAccountIds: ["111122223333"],
    amiIds: ["ami-0aaaaaaaaaaaaaaaa"],
    gcpImageProjects: ["examplevendor-images"],
    azurePublishers: ["examplevendor"],
  },
};

export const VENDOR_AMI = "ami-0aaaaaaaaaaaaaaaa";

export const POLICIES = ["restricted-vendor-ami", "restricted-vendor-container-image", "restricted-vendor-marketplace-listing"] as const;

/** The same config for every policy, as a policy group would set it. */
export function packConfig(properties: Record<string, unknown> = {}): Record<string, unknown> {
  return Object.fromEntries(POLICIES.map((name) => [name, { enforcementLevel: "mandatory", asOf: DENY_DATE, additionalVendors: [testVendor], ...properties }]));
}

/** One pack for the test file, configured for every policy in the deny window. */
export function useHardeningPack() {
  const pack = usePack({ dryRun: false });
  const configure = (properties: Record<string, unknown> = {}) => pack().configure(packConfig(properties));
  const analyze = (type: string, properties: Record<string, unknown>, name = "app"): Promise<Diagnostic[]> => pack().analyze(resource(type, name, properties));
  return { pack, configure, analyze };
}

/** The `property:` line of each diagnostic. */
export function properties(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => /property:\s+(.*)/.exec(d.message)?.[1] ?? "(none)");
}

export const blocked = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.enforcementLevel === "mandatory" && d.message.startsWith("Blocked:"));
