import { Diagnostic } from "../../src/harness/types";
import { ofPolicy, resource, usePack } from "../support/pack";

export const POLICY = "restricted-vendor-container-image";

/** Inside Kaspersky's deny window (deny from 2024-09-29T04:00Z). */
export const DENY_DATE = "2024-10-01";

/**
 * A vendor as an organisation would add one for images it has identified: a Docker Hub namespace and an
 * ECR account. Test data only: "examplevendor" is fictional and 111122223333 is AWS's documented placeholder.
 */
export const dockerHubVendor = {
  id: "example-vendor",
  name: "Example Vendor Ltd.",
  legalBasis: [{ title: "Example restriction", citation: "Example Order 1", url: "https://example.com/order-1" }],
  windows: [{ from: "2024-01-01", action: "deny" }],
  exemptCategories: [],
  identifiers: { imageRepositories: ["docker.io/examplevendor/**"], awsAccountIds: ["111122223333"] },
};

export const KCS_IMAGE = "repo.kcs.kaspersky.com/kcs/scanner:2.0";

/** One pack for the test file, configured for the container policy before each analysis. */
export function useContainerPack() {
  const pack = usePack({ dryRun: false });
  const configure = (config: Record<string, unknown> = {}, level = "mandatory") =>
    pack().configure({ [POLICY]: { enforcementLevel: level, asOf: DENY_DATE, additionalVendors: [dockerHubVendor], ...config } });
  const analyze = async (type: string, properties: Record<string, unknown>, name = "app"): Promise<Diagnostic[]> =>
    ofPolicy(await pack().analyze(resource(type, name, properties)), POLICY);
  return { pack, configure, analyze };
}

export function levels(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => d.enforcementLevel);
}

/** The `property:` line of each diagnostic, which names where the reference was found. */
export function properties(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => /property:\s+(.*)/.exec(d.message)?.[1] ?? "(none)");
}
