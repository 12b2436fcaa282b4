import { builtInCatalog } from "../../src/catalog/builtIn";
import { compileSettings } from "../../src/config/settings";
import { exampleVendor } from "../support/settings";

const problemsOf = (config: Record<string, unknown>) => {
  const result = compileSettings(config, builtInCatalog);
  return result.ok ? [] : result.problems;
};

const validExemption = { vendor: "kaspersky", urn: "*::feed", reason: "Threat Intelligence feed", expires: "2027-01-01" };

describe("policy config", () => {
  it("accepts an empty config", () => {
    expect(problemsOf({})).toEqual([]);
  });

  it("accepts every documented key together", () => {
    expect(
      problemsOf({
        asOf: "2024-09-29T00:00:00-04:00",
        disabledVendors: ["huawei"],
        additionalVendors: [exampleVendor],
        grandfathered: ["urn:pulumi:prod::*"],
        exemptions: [{ ...validExemption, category: "threat-intelligence" }],
        warnBeforeDays: 0,
        amiInventory: { Images: [{ ImageId: "ami-0aaaaaaaaaaaaaaaa", OwnerId: "111122223333", Architecture: "x86_64" }] },
        amiResolution: "offline",
        unknownsAtPreview: "mandatory",
        pullThroughCaches: [{ registry: "*.dkr.ecr.*.amazonaws.com", prefix: "docker-hub", upstream: "registry-1.docker.io" }],
      }),
    ).toEqual([]);
  });

  it("defaults unknownsAtPreview to advisory", () => {
    const result = compileSettings({}, builtInCatalog);
    expect(result.ok && result.settings.unknownsAtPreview).toBe("advisory");
  });

  it("names an unknownsAtPreview that is neither advisory nor mandatory", () => {
    expect(problemsOf({ unknownsAtPreview: "block" })).toEqual(['config.unknownsAtPreview must be one of "advisory", "mandatory", got string "block"']);
  });

  it("takes an additional vendor without exemptCategories as exempting nothing", () => {
    const { exemptCategories: _omitted, ...withoutCategories } = exampleVendor as typeof exampleVendor & { exemptCategories?: string[] };
    const result = compileSettings({ additionalVendors: [withoutCategories] }, builtInCatalog);
    expect(result.ok && result.settings.vendors.find((v) => v.id === exampleVendor.id)?.exemptCategories).toEqual([]);
  });

  it("names an unknown key and lists the known ones", () => {
    expect(problemsOf({ asof: "2024-07-20" })).toEqual([expect.stringMatching(/^config has unknown key "asof" \(known keys: asOf, /)]);
  });

  it("names an unknown key nested in an exemption", () => {
    expect(problemsOf({ exemptions: [{ ...validExemption, expiry: "2027-01-01" }] })).toEqual([
      expect.stringContaining('config.exemptions[0] has unknown key "expiry"'),
    ]);
  });

  it("names a malformed date and the accepted forms", () => {
    expect(problemsOf({ asOf: "20/07/2024" })).toEqual([expect.stringMatching(/^config\.asOf must be an ISO 8601 date .* got string "20\/07\/2024"/)]);
  });

  it("rejects an exemption without expires", () => {
    const { expires: _omitted, ...withoutExpiry } = validExemption;
    expect(problemsOf({ exemptions: [withoutExpiry] })).toEqual(["config.exemptions[0].expires is required"]);
  });

  it("rejects an unknown vendor id in disabledVendors", () => {
    expect(problemsOf({ disabledVendors: ["kasperski"] })).toEqual([
      expect.stringMatching(/^config\.disabledVendors\[0\] "kasperski" is not a vendor id \(known: kaspersky, /),
    ]);
  });

  it("rejects an exemption for an unknown vendor", () => {
    expect(problemsOf({ exemptions: [{ ...validExemption, vendor: "acme" }] })).toEqual([
      expect.stringContaining('config.exemptions[0].vendor "acme" is not a vendor id'),
    ]);
  });

  it("rejects an exemption category that the vendor's restriction does not exempt", () => {
    expect(problemsOf({ exemptions: [{ ...validExemption, category: "endpoint-protection" }] })).toEqual([
      'config.exemptions[0].category "endpoint-protection" is not an exempt category of kaspersky (exempt categories: threat-intelligence, security-training, consulting-advisory)',
    ]);
  });

  it("rejects an additional vendor whose id clashes with the catalog", () => {
    expect(problemsOf({ additionalVendors: [{ ...exampleVendor, id: "kaspersky" }] })).toEqual([
      expect.stringContaining('config.additionalVendors[0].id "kaspersky" clashes with the built-in catalog'),
    ]);
  });

  it("rejects a negative warnBeforeDays", () => {
    expect(problemsOf({ warnBeforeDays: -1 })).toEqual(["config.warnBeforeDays must be >= 0, got -1"]);
  });

  it("rejects an inventory image without an owner", () => {
    expect(problemsOf({ amiInventory: { Images: [{ ImageId: "ami-0aaaaaaaaaaaaaaaa" }] } })).toEqual(["config.amiInventory.Images[0].OwnerId is required"]);
  });

  it("reports every problem at once, not only the first", () => {
    expect(problemsOf({ asOf: "soon", warnBeforeDays: "30" })).toHaveLength(2);
  });

  it("makes disabled vendors invisible to matching", () => {
    const result = compileSettings({ disabledVendors: ["kaspersky"] }, builtInCatalog);
    expect(result.ok && result.settings.vendors.map((v) => v.id)).not.toContain("kaspersky");
  });

  it("names a repository path that would match too much: one segment, or a wildcard", () => {
    expect(problemsOf({ additionalVendors: [{ ...exampleVendor, identifiers: { repositoryPaths: ["scanner", "vendor/*"] } }] })).toEqual([
      'config.additionalVendors[0].identifiers.repositoryPaths[0] "scanner" is not a repository path of two or more segments without wildcards, such as "vendor/scanner"',
      'config.additionalVendors[0].identifiers.repositoryPaths[1] "vendor/*" is not a repository path of two or more segments without wildcards, such as "vendor/scanner"',
    ]);
  });

  it("accepts an added vendor's sources, and names a malformed one", () => {
    const source = { url: "https://example.com/advisory", kind: "official", checked: "2026-11-29" };
    expect(problemsOf({ additionalVendors: [{ ...exampleVendor, sources: [source] }] })).toEqual([]);
    expect(problemsOf({ additionalVendors: [{ ...exampleVendor, sources: [{ ...source, kind: "vendor" }] }] })).toEqual([
      'config.additionalVendors[0].sources[0].kind must be one of "official", "third-party", got string "vendor"',
    ]);
  });
});
