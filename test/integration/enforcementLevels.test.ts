import { exampleVendor } from "../support/settings";
import { ofPolicy, resource, usePack } from "../support/pack";

const POLICY = "restricted-vendor-ami";
const pack = usePack({ dryRun: false });
const blockedInstance = resource("aws:ec2/instance:Instance", "web", { ami: "ami-0aaaaaaaaaaaaaaaa" });
const configureAt = (enforcementLevel: string, asOf = "2025-03-01") =>
  pack().configure({ [POLICY]: { enforcementLevel, asOf, additionalVendors: [exampleVendor] } });

describe("a window only ever lowers the configured level", () => {
  it("reports a deny-window violation as mandatory when the policy is mandatory", async () => {
    await configureAt("mandatory");
    expect(ofPolicy(await pack().analyze(blockedInstance), POLICY).map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
  });

  it("never sends a mandatory diagnostic to an audit group that sets the policy to advisory", async () => {
    await configureAt("advisory");
    expect(ofPolicy(await pack().analyze(blockedInstance), POLICY).map((d) => d.enforcementLevel)).toEqual(["advisory"]);
  });

  it("sends nothing when the policy is disabled", async () => {
    await configureAt("disabled");
    expect(ofPolicy(await pack().analyze(blockedInstance), POLICY)).toEqual([]);
  });

  it("keeps a warn-window finding advisory under a mandatory policy", async () => {
    await configureAt("mandatory", "2025-01-15");
    expect(ofPolicy(await pack().analyze(blockedInstance), POLICY).map((d) => d.enforcementLevel)).toEqual(["advisory"]);
  });

  it("keeps the config-wide level for policies not named in the config", async () => {
    await pack().configure({ all: "advisory", [POLICY]: { asOf: "2025-03-01", additionalVendors: [exampleVendor] } });
    expect(ofPolicy(await pack().analyze(blockedInstance), POLICY).map((d) => d.enforcementLevel)).toEqual(["advisory"]);
  });
});

describe("invalid config fails closed", () => {
  it("blocks each examined resource with a message naming the unknown key", async () => {
    await pack().configure({ [POLICY]: { asOf: "2025-03-01", disabledVendor: ["huawei"] } });
    const [diagnostic] = ofPolicy(await pack().analyze(blockedInstance), POLICY);
    expect(diagnostic.enforcementLevel).toBe("mandatory");
    expect(diagnostic.message).toContain("Could not evaluate: the config of restricted-vendor-ami is invalid, so nothing was checked.");
    expect(diagnostic.message).toContain('config has unknown key "disabledVendor"');
  });

  it("reports the invalid config once per stack, even when no resource is examined", async () => {
    await pack().configure({ [POLICY]: { disabledVendors: ["no-such-vendor"] } });
    const diagnostics = ofPolicy(await pack().analyzeStack([resource("aws:s3/bucket:Bucket", "logs", {})]), POLICY);
    expect(diagnostics.map((d) => d.message.split("\n")[1])).toEqual([expect.stringContaining('"no-such-vendor" is not a vendor id')]);
  });

  it("lets the CLI-side schema reject a wrongly typed value before the pack sees it", async () => {
    await expect(pack().configure({ [POLICY]: { warnBeforeDays: "thirty" } })).rejects.toThrow(/warnBeforeDays/);
  });

  it("does not examine a resource type the policy does not cover", async () => {
    await pack().configure({ [POLICY]: { asOf: "2024-02-30" } });
    expect(ofPolicy(await pack().analyze(resource("aws:s3/bucket:Bucket", "logs", {})), POLICY)).toEqual([]);
  });
});

describe("GetAnalyzerInfo", () => {
  it("declares the three policies with severity, remediation, url and the shared config schema", async () => {
    const info = await pack().info();
    expect(info.policies.map((p) => p.name)).toEqual(["restricted-vendor-ami", "restricted-vendor-container-image", "restricted-vendor-marketplace-listing"]);
    for (const policy of info.policies) {
      expect(policy.severity).toBe("critical");
      expect(policy.remediationSteps).toBeTruthy();
      expect(policy.url).toMatch(/^https:\/\//);
      expect(Object.keys(policy.configSchema?.properties ?? {}).sort()).toEqual([
        "additionalVendors",
        "amiInventory",
        "amiResolution",
        "asOf",
        "disabledVendors",
        "exemptions",
        "grandfathered",
        "programDirectory",
        "pullThroughCaches",
        "unknownsAtPreview",
        "warnBeforeDays",
      ]);
    }
  });
});
