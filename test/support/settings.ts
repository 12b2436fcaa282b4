import { builtInCatalog } from "../../src/catalog/builtIn";
import { Settings, compileSettings } from "../../src/config/settings";

/** Compiles a config as the pack does, failing the test with the pack's own problems if it is invalid. */
export function settingsFrom(config: Record<string, unknown>): Settings {
  const result = compileSettings(config, builtInCatalog);
  if (!result.ok) throw new Error(`test config is invalid: ${result.problems.join("; ")}`);
  return result.settings;
}

/** A vendor as an organisation would add one; the AWS accounts are AWS's documented placeholders. */
export const exampleVendor = {
  id: "example-vendor",
  name: "Example Vendor Ltd.",
  legalBasis: [{ title: "Example restriction", citation: "Example Order 1", url: "https://example.com/order-1" }],
  windows: [
    { from: "2025-01-01", action: "warn" },
    { from: "2025-02-01", action: "deny-new" },
    { from: "2025-03-01", action: "deny" },
  ],
  exemptCategories: ["threat-intelligence"],
  identifiers: { awsAccountIds: ["111122223333"], amiIds: ["ami-0aaaaaaaaaaaaaaaa"], amiNamePatterns: ["example-endpoint-*"] },
  products: [{ name: "Example Threat Feed", category: "threat-intelligence", identifiers: { amiNamePatterns: ["example-threatfeed-*"] } }],
};
