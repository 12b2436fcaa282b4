/**
 * Test data, as an organisation would add it with `additionalVendors`: one vendor that sells an
 * endpoint-protection product (restricted) and a threat-intelligence product (an exempt category) on
 * every cloud. Accounts are AWS's documented placeholders; the other identifiers are invented for tests.
 */
export const EP_ACCOUNT = "111122223333";
export const TI_ACCOUNT = "444455556666";
export const EP_PRODUCT_CODE = "exampleendpointprotect01";
export const TI_PRODUCT_CODE = "examplethreatintel01";
export const PUBLISHER = "examplesecurity";
export const EP_GCP_PROJECT = "examplesecurity-endpoint";
export const TI_GCP_PROJECT = "examplesecurity-threatintel";

export const securityVendor = {
  id: "example-security",
  name: "Example Security Ltd.",
  legalBasis: [{ title: "Example restriction", citation: "Example Order 2", url: "https://example.com/order-2" }],
  windows: [
    { from: "2025-01-01", action: "warn" },
    { from: "2025-02-01", action: "deny-new" },
    { from: "2025-03-01", action: "deny" },
  ],
  exemptCategories: ["threat-intelligence"],
  identifiers: {},
  products: [
    {
      name: "Example Endpoint Protection",
      category: "endpoint-protection",
      identifiers: {
        awsAccountIds: [EP_ACCOUNT],
        marketplaceProductCodes: [EP_PRODUCT_CODE],
        azurePublishers: [`${PUBLISHER}:endpoint-protection`],
        gcpImageProjects: [EP_GCP_PROJECT],
      },
    },
    {
      name: "Example Threat Intelligence",
      category: "threat-intelligence",
      identifiers: {
        awsAccountIds: [TI_ACCOUNT],
        marketplaceProductCodes: [TI_PRODUCT_CODE],
        azurePublishers: [`${PUBLISHER}:threat-intelligence`],
        gcpImageProjects: [TI_GCP_PROJECT],
      },
    },
  ],
};

export const MARKETPLACE_POLICY = "restricted-vendor-marketplace-listing";
export const AMI_POLICY = "restricted-vendor-ami";

/** Both policies configured alike, as a policy group would: only the marketplace one should speak for listings. */
export function bothPolicies(properties: Record<string, unknown>, level = "mandatory"): Record<string, unknown> {
  const config = { enforcementLevel: level, additionalVendors: [securityVendor], ...properties };
  return { [MARKETPLACE_POLICY]: config, [AMI_POLICY]: config };
}
