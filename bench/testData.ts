import { Random } from "./random";

/**
 * Identifiers the bench configures through `additionalVendors`. All of them are test data: the AWS
 * documentation placeholder account 111122223333, generated AMI ids and product codes, and hosts under
 * the reserved `.example` domain. The only real identifier used is the built-in catalog's
 * repo.kcs.kaspersky.com, which the bench does not configure but relies on.
 */
export const TEST_VENDOR_ACCOUNT = "111122223333";
/** AWS's documentation placeholder account, standing for the organisation's own images and registries. */
export const OWN_ACCOUNT = "123456789012";
/** Owner of AWS Marketplace AMIs (the `aws-marketplace` alias). */
export const MARKETPLACE_ACCOUNT = "679593333241";
export const TEST_VENDOR_REGISTRY = "registry.bench-vendor.example";
export const TEST_VENDOR_PUBLISHER = "bench-test-publisher";
export const KASPERSKY_REGISTRY = "repo.kcs.kaspersky.com";

const rng = new Random(0x5eed);
const amiId = () => `ami-0${rng.hex(16)}`;

export const testVendorAmis = Array.from({ length: 8 }, amiId);
export const testVendorProductCodes = ["benchtestcode01", "benchtestcode02"];

const testWindow = [{ from: "2020-01-01", action: "deny" }];
const testLegalBasis = [{ title: "Benchmark test data (not a real restriction)", citation: "none", url: "https://example.com/bench" }];

export const testVendor = {
  id: "bench-test-vendor",
  name: "Bench Test Vendor (test data)",
  legalBasis: testLegalBasis,
  windows: testWindow,
  exemptCategories: [],
  identifiers: {
    awsAccountIds: [TEST_VENDOR_ACCOUNT],
    amiIds: testVendorAmis,
    marketplaceProductCodes: testVendorProductCodes,
    azurePublishers: [TEST_VENDOR_PUBLISHER],
    registryHosts: [TEST_VENDOR_REGISTRY],
    imageRepositories: ["docker.io/bench-test-vendor/**"],
  },
};

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * One generated vendor with 20 identifiers spread over every family and every pattern shape the indexes
 * distinguish (exact, prefix globs, leading and inner host-label globs, segment globs with `*` and `**`),
 * so that a large catalog stresses each index rather than only the hash lookups.
 */
function generatedVendor(n: number) {
  const v = pad(n, 4);
  const own = new Random(n);
  const vendorAmi = () => `ami-0${own.hex(16)}`;
  return {
    id: `bench-vendor-${v}`,
    name: `Bench Vendor ${v} (generated test data)`,
    legalBasis: testLegalBasis,
    windows: [
      { from: "2021-01-01", action: "warn" },
      { from: "2022-01-01", action: "deny" },
    ],
    exemptCategories: [],
    identifiers: {
      awsAccountIds: [1, 2, 3].map((k) => `9${v}${pad(k, 7)}`),
      amiIds: [vendorAmi(), vendorAmi(), vendorAmi()],
      amiNamePatterns: [`bench-vendor-${v}-*`, `bv${v}/images/*-hardened-*`],
      marketplaceProductCodes: [`bv${v}code1`, `bv${v}code2`],
      marketplaceSellers: [`bench-vendor-${v}`],
      azurePublishers: [`bench-vendor-${v}-pub1`, `bench-vendor-${v}-pub2`],
      gcpImageProjects: [`bench-vendor-${v}-images`, `bench-vendor-${v}-public`],
      imageRepositories: [`docker.io/bench-vendor-${v}/**`, `ghcr.io/bench-vendor-${v}/*/agent`],
      registryHosts: [`registry.v${v}.bench.example`, `*.v${v}.bench.example`, `cr.*.v${v}.bench.example`],
    },
  };
}

/** The test vendor alone, or with generated vendors up to `count` in all. */
export function additionalVendors(count: number) {
  return [testVendor, ...Array.from({ length: count - 1 }, (_, i) => generatedVendor(i + 1))];
}

export function identifierCount(vendor: { identifiers: Record<string, string[]> }): number {
  return Object.values(vendor.identifiers).reduce((n, ids) => n + ids.length, 0);
}

export interface InventoryImage {
  ImageId: string;
  OwnerId: string;
  ImageOwnerAlias?: string;
  Name: string;
  SourceImageId?: string;
  ProductCodes?: Array<{ ProductCodeId: string; ProductCodeType: string }>;
}

/**
 * The organisation's `describe-images` inventory: mostly its own images, some of the test vendor's,
 * marketplace images (a few with the test vendor's product codes) and copies of the vendor's images.
 */
function buildInventory() {
  const own: InventoryImage[] = Array.from({ length: 1800 }, (_, i) => ({ ImageId: amiId(), OwnerId: OWN_ACCOUNT, Name: `app-base-${pad(i, 4)}-2025.11` }));
  const vendorOwned: InventoryImage[] = testVendorAmis.map((ImageId, i) => ({
    ImageId,
    OwnerId: TEST_VENDOR_ACCOUNT,
    Name: `bench-test-vendor-appliance-${i}`,
  }));
  const marketplace: InventoryImage[] = Array.from({ length: 40 }, (_, i) => ({
    ImageId: amiId(),
    OwnerId: MARKETPLACE_ACCOUNT,
    ImageOwnerAlias: "aws-marketplace",
    Name: `marketplace-product-${i}`,
    ProductCodes: [{ ProductCodeId: i < 6 ? testVendorProductCodes[i % 2] : `benignproduct${pad(i, 3)}`, ProductCodeType: "marketplace" }],
  }));
  const copies: InventoryImage[] = vendorOwned.map((source, i) => ({
    ImageId: amiId(),
    OwnerId: OWN_ACCOUNT,
    Name: `copied-appliance-${i}`,
    SourceImageId: source.ImageId,
  }));
  return { own, vendorOwned, marketplace, copies, all: [...own, ...vendorOwned, ...marketplace, ...copies] };
}

export const inventory = buildInventory();
/** Marketplace AMIs sold by the test vendor (product code in its identifiers). */
export const vendorMarketplaceAmis = inventory.marketplace.slice(0, 6).map((image) => image.ImageId);
export const benignMarketplaceAmis = inventory.marketplace.slice(6).map((image) => image.ImageId);
