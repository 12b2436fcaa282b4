import { UNKNOWN } from "../../src/harness/wireValues";
import { ofPolicy, resource, usePack } from "../support/pack";
import { EP_GCP_PROJECT, MARKETPLACE_POLICY, TI_GCP_PROJECT, securityVendor } from "./support/vendors";

const pack = usePack({ dryRun: false });

const configure = (properties: Record<string, unknown> = {}) =>
  pack().configure({ [MARKETPLACE_POLICY]: { enforcementLevel: "mandatory", asOf: "2025-03-01", additionalVendors: [securityVendor], ...properties } });

const analyze = async (type: string, properties: Record<string, unknown>) =>
  ofPolicy(await pack().analyze(resource(type, "node", properties)), MARKETPLACE_POLICY);

const instance = (image: unknown) =>
  analyze("gcp:compute/instance:Instance", { machineType: "e2-medium", zone: "europe-west1-b", bootDisk: { initializeParams: { image } } });

describe("restricted-vendor-marketplace-listing: GCP", () => {
  it("blocks an instance booting from the vendor's endpoint-protection image project", async () => {
    await configure();
    const diagnostics = await instance(`projects/${EP_GCP_PROJECT}/global/images/family/agent`);
    expect(diagnostics.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(diagnostics[0].message).toMatch(/^Blocked: GCP image of restricted vendor example-security\./);
    expect(diagnostics[0].message).toContain(
      `matched:   GCP image project "${EP_GCP_PROJECT}" (product Example Endpoint Protection, category endpoint-protection)`,
    );
  });

  it("allows the same vendor's threat-intelligence image project and says why", async () => {
    await configure();
    const diagnostics = await instance(`${TI_GCP_PROJECT}/collector-2-0`);
    expect(diagnostics.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
    expect(diagnostics[0].message).toContain("category threat-intelligence");
  });

  it("ignores an image of the provider's own project", async () => {
    await configure();
    expect(await instance("global/images/golden-2025-03")).toEqual([]);
  });

  it.each([
    [
      "gcp:compute/instanceTemplate:InstanceTemplate",
      "disks[1].sourceImage",
      {
        disks: [{ boot: false, diskSizeGb: 100 }, { sourceImage: `https://www.googleapis.com/compute/v1/projects/${EP_GCP_PROJECT}/global/images/agent-7-2` }],
      },
    ],
    [
      "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate",
      "disks[0].sourceImage",
      { disks: [{ sourceImage: `projects/${EP_GCP_PROJECT}/global/images/agent-7-2` }] },
    ],
    ["gcp:compute/disk:Disk", "image", { image: `${EP_GCP_PROJECT}/agent` }],
    [
      "gcp:compute/instanceFromTemplate:InstanceFromTemplate",
      "bootDisk.initializeParams.image",
      { bootDisk: { initializeParams: { image: `projects/${EP_GCP_PROJECT}/global/images/agent-7-2` } } },
    ],
  ])("blocks the vendor's image in %s at %s", async (type, path, properties) => {
    await configure();
    const diagnostics = await analyze(type, properties);
    expect(diagnostics.map((d) => [d.enforcementLevel, d.message.split("\n")[1]])).toEqual([["mandatory", `  property:  ${path}`]]);
  });

  it("fails closed on a boot image unknown during preview once the deny window is active", async () => {
    await configure();
    const [diagnostic] = await instance(UNKNOWN);
    expect(diagnostic.enforcementLevel).toBe("mandatory");
    expect(diagnostic.message).toMatch(/^Could not check: the GCP image is unknown during preview/);
  });

  it("lets an exemption allow the vendor's endpoint image until it expires", async () => {
    await configure({ exemptions: [{ vendor: "example-security", urn: "*::node", reason: "migration ticket OPS-7", expires: "2025-06-01" }] });
    const [diagnostic] = await instance(`projects/${EP_GCP_PROJECT}/global/images/agent-7-2`);
    expect(diagnostic.enforcementLevel).toBe("advisory");
    expect(diagnostic.message).toMatch(/^Allowed by exemption until 2025-06-01/);
  });
});
