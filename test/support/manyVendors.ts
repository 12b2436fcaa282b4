const pad = (n: number) => String(n).padStart(4, "0");

/**
 * A private catalog as large organisations load through `additionalVendors`: `count` vendors, each known by
 * its registry hosts and image repositories. Test data only: every host is under the reserved `.example`
 * domain, and no vendor is real.
 */
export function manyVendors(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: `private-vendor-${pad(i)}`,
    name: `Private Vendor ${pad(i)} (test data)`,
    legalBasis: [{ title: "Organisation policy (test data)", citation: "none", url: "https://example.com/policy" }],
    windows: [{ from: "2024-01-01", action: "deny" }],
    exemptCategories: [],
    identifiers: {
      registryHosts: [`registry.v${pad(i)}.vendors.example`, `*.mirror.v${pad(i)}.vendors.example`],
      imageRepositories: [`docker.io/private-vendor-${pad(i)}/**`, `ghcr.io/private-vendor-${pad(i)}/*/agent`],
    },
  }));
}

/** An image of the `i`th vendor of manyVendors, in its own registry. */
export const privateVendorImage = (i: number) => `registry.v${pad(i)}.vendors.example/agent:1.0`;
