import { POLICY_NAMES } from "../../src/config/policyNames";
import { ofPolicy, resource, usePack } from "../support/pack";
import { manyVendors, privateVendorImage } from "../support/manyVendors";

const CONTAINER = "restricted-vendor-container-image";
const AMI = "restricted-vendor-ami";
const VENDORS = 1000;
const pack = usePack({ dryRun: false });
const container = (image: string) => resource("docker:index/container:Container", "agent", { image, name: "agent" });
const everyPolicy = (properties: Record<string, unknown>) =>
  Object.fromEntries(POLICY_NAMES.map((name) => [name, { enforcementLevel: "mandatory", ...properties }]));

describe("a private catalog of a thousand vendors, given to every policy alike", () => {
  beforeAll(async () => {
    await pack().configure(everyPolicy({ asOf: "2025-03-01", additionalVendors: manyVendors(VENDORS) }));
  });

  it("blocks an image of the last vendor", async () => {
    const [diagnostic] = ofPolicy(await pack().analyze(container(privateVendorImage(VENDORS - 1))), CONTAINER);
    expect(diagnostic.enforcementLevel).toBe("mandatory");
    expect(diagnostic.message).toContain("private-vendor-0999");
  });

  it("lets an image of a registry that no vendor uses pass", async () => {
    expect(await pack().analyze(container("registry.v1000.vendors.example/agent:1.0"))).toEqual([]);
  });
});

describe("policies configured differently keep their own configs", () => {
  const vendors = manyVendors(3);
  beforeAll(async () => {
    await pack().configure({
      [CONTAINER]: { enforcementLevel: "mandatory", asOf: "2025-03-01", additionalVendors: vendors },
      [AMI]: { enforcementLevel: "mandatory", asOf: "2025-03-01", additionalVendors: vendors, disabledVendors: ["no-such-vendor"] },
    });
  });

  it("blocks with the policy whose config is valid", async () => {
    const diagnostics = ofPolicy(await pack().analyze(container(privateVendorImage(2))), CONTAINER);
    expect(diagnostics.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(diagnostics[0].message).toContain("private-vendor-0002");
  });

  it("reports the invalid config of the other policy", async () => {
    const diagnostics = ofPolicy(await pack().analyzeStack([container(privateVendorImage(2))]), AMI);
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('"no-such-vendor" is not a vendor id')]);
  });
});
