import { UNKNOWN } from "../../src/harness/wireValues";
import { ofPolicy, resource, usePack } from "../support/pack";
import { MARKETPLACE_POLICY, PUBLISHER, securityVendor } from "./support/vendors";

const pack = usePack({ dryRun: false });

const configure = (asOf = "2025-03-01") =>
  pack().configure({ [MARKETPLACE_POLICY]: { enforcementLevel: "mandatory", asOf, additionalVendors: [securityVendor] } });

const analyze = async (type: string, properties: Record<string, unknown>) =>
  ofPolicy(await pack().analyze(resource(type, "vm", properties)), MARKETPLACE_POLICY);

const plan = (product: string) => ({ publisher: PUBLISHER, product, name: "byol" });
const image = (offer: string) => ({ publisher: PUBLISHER, offer, sku: "byol", version: "latest" });

describe("restricted-vendor-marketplace-listing: Azure", () => {
  it("blocks an azure-native VM with the vendor's endpoint-protection plan, once for plan and image together", async () => {
    await configure();
    const diagnostics = await analyze("azure-native:compute:VirtualMachine", {
      location: "westeurope",
      plan: plan("endpoint-protection"),
      storageProfile: { imageReference: image("endpoint-protection") },
    });
    expect(diagnostics.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(diagnostics[0].message).toMatch(/^Blocked: Azure Marketplace plan of restricted vendor example-security\./);
    expect(diagnostics[0].message).toContain(`reference: Azure Marketplace plan ${PUBLISHER}:endpoint-protection:byol`);
    expect(diagnostics[0].message).toContain(`matched:   Azure publisher "${PUBLISHER}:endpoint-protection"`);
  });

  it("allows the same publisher's threat-intelligence plan and says why", async () => {
    await configure();
    const diagnostics = await analyze("azure-native:compute:VirtualMachine", {
      plan: plan("threat-intelligence"),
      storageProfile: { imageReference: image("threat-intelligence") },
    });
    expect(diagnostics.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
    expect(diagnostics[0].message).toMatch(/^Allowed: Azure Marketplace plan of restricted vendor example-security, in a category its restriction exempts\./);
  });

  it("ignores another publisher's image", async () => {
    await configure();
    expect(
      await analyze("azure-native:compute:VirtualMachine", {
        storageProfile: { imageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" } },
      }),
    ).toEqual([]);
  });

  it.each([
    [
      "azure-native:compute:VirtualMachineScaleSet",
      "virtualMachineProfile.storageProfile.imageReference",
      { virtualMachineProfile: { storageProfile: { imageReference: image("endpoint-protection") } } },
    ],
    ["azure-native:compute:Disk", "purchasePlan", { purchasePlan: plan("endpoint-protection"), creationData: { createOption: "FromImage" } }],
    ["azure:compute/linuxVirtualMachine:LinuxVirtualMachine", "sourceImageReference", { sourceImageReference: image("endpoint-protection") }],
    ["azure:compute/windowsVirtualMachineScaleSet:WindowsVirtualMachineScaleSet", "plan", { plan: plan("endpoint-protection") }],
    ["azure:compute/virtualMachine:VirtualMachine", "storageImageReference", { storageImageReference: image("endpoint-protection") }],
    ["azure:marketplace/agreement:Agreement", "publisher", { publisher: PUBLISHER, offer: "endpoint-protection", plan: "byol" }],
  ])("blocks the vendor's listing in %s at %s", async (type, path, properties) => {
    await configure();
    const diagnostics = await analyze(type, properties);
    expect(diagnostics.map((d) => [d.enforcementLevel, d.message.split("\n")[1]])).toEqual([["mandatory", `  property:  ${path}`]]);
  });

  it("fails closed on a plan publisher unknown during preview once the deny window is active", async () => {
    await configure();
    const [diagnostic] = await analyze("azure:compute/linuxVirtualMachine:LinuxVirtualMachine", {
      plan: { publisher: UNKNOWN, product: "endpoint-protection", name: "byol" },
    });
    expect(diagnostic.enforcementLevel).toBe("mandatory");
    expect(diagnostic.message).toMatch(/^Could not check: the Azure Marketplace publisher is unknown during preview/);
  });

  it.each([
    [
      "an azure-native image offer",
      "azure-native:compute:VirtualMachine",
      { storageProfile: { imageReference: { publisher: PUBLISHER, offer: UNKNOWN, sku: "byol" } } },
      "storageProfile.imageReference.offer",
    ],
    ["an azure-native plan product", "azure-native:compute:VirtualMachine", { plan: { publisher: PUBLISHER, product: UNKNOWN, name: "byol" } }, "plan.product"],
    [
      "a classic VM's image offer",
      "azure:compute/linuxVirtualMachine:LinuxVirtualMachine",
      { sourceImageReference: { publisher: PUBLISHER, offer: UNKNOWN, sku: "byol", version: "latest" } },
      "sourceImageReference.offer",
    ],
    ["an agreement's offer", "azure:marketplace/agreement:Agreement", { publisher: PUBLISHER, offer: UNKNOWN, plan: "byol" }, "offer"],
  ])("fails closed on %s unknown during preview, when the vendor is listed by publisher and offer", async (_case, type, props, path) => {
    await configure();
    const [diagnostic, ...rest] = await analyze(type, props);
    expect(rest).toEqual([]);
    expect(diagnostic.enforcementLevel).toBe("mandatory");
    expect(diagnostic.message).toMatch(new RegExp(`^Could not check: the Azure Marketplace (offer|plan or SKU) of ${PUBLISHER} is unknown during preview`));
    expect(diagnostic.message).toContain(`property:  ${path}`);
  });

  it("says nothing about an unknown offer of a publisher no vendor is listed under", async () => {
    await configure();
    expect(
      await analyze("azure-native:compute:VirtualMachine", {
        storageProfile: { imageReference: { publisher: "canonical", offer: UNKNOWN, sku: "22_04-lts" } },
      }),
    ).toEqual([]);
  });

  it("says nothing about the vendor's plan before its first window", async () => {
    await configure("2024-11-01");
    expect(await analyze("azure-native:compute:VirtualMachine", { plan: plan("endpoint-protection") })).toEqual([]);
  });
});
