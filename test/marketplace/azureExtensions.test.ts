import { UNKNOWN } from "../../src/harness/wireValues";
import { ofPolicy, resource, usePack } from "../support/pack";
import { MARKETPLACE_POLICY } from "./support/vendors";

/** Test data: an invented extension publisher, as an organisation would add one; not a real publisher. */
const EXTENSION_PUBLISHER = "ExampleSecurity.Agent";
const extensionVendor = {
  id: "example-extensions",
  name: "Example Security Ltd.",
  legalBasis: [{ title: "Example restriction", citation: "Example Order 3", url: "https://example.com/order-3" }],
  windows: [{ from: "2025-01-01", action: "deny" }],
  exemptCategories: [],
  identifiers: {},
  products: [
    {
      name: "Example agent for Linux",
      category: "endpoint-protection",
      identifiers: { azureExtensionPublishers: [`${EXTENSION_PUBLISHER}:ExampleLinuxAgent`] },
    },
  ],
};

const pack = usePack({ dryRun: false });
beforeEach(async () => {
  await pack().configure({ [MARKETPLACE_POLICY]: { enforcementLevel: "mandatory", asOf: "2025-06-01", additionalVendors: [extensionVendor] } });
});

const analyze = async (type: string, properties: Record<string, unknown>) =>
  ofPolicy(await pack().analyze(resource(type, "ext", properties)), MARKETPLACE_POLICY);
const agent = { publisher: EXTENSION_PUBLISHER, type: "ExampleLinuxAgent", typeHandlerVersion: "1.0" };

describe("restricted-vendor-marketplace-listing: Azure VM extensions", () => {
  it.each([
    ["azure-native:compute:VirtualMachineExtension", { vmName: "vm", ...agent }, "publisher"],
    ["azure-native:compute:VirtualMachineScaleSetExtension", { vmScaleSetName: "vmss", ...agent }, "publisher"],
    ["azure-native:hybridcompute:MachineExtension", { machineName: "arc-1", ...agent }, "publisher"],
    ["azure:compute/virtualMachineExtension:VirtualMachineExtension", { virtualMachineId: "/subscriptions/x/vm", ...agent }, "publisher"],
    [
      "azure:compute/virtualMachineScaleSetExtension:VirtualMachineScaleSetExtension",
      { virtualMachineScaleSetId: "/subscriptions/x/vmss", ...agent },
      "publisher",
    ],
    [
      "azure-native:compute:VirtualMachineScaleSet",
      { virtualMachineProfile: { extensionProfile: { extensions: [{ name: "agent", ...agent }] } } },
      "virtualMachineProfile.extensionProfile.extensions[0]",
    ],
    ["azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet", { extensions: [{ name: "agent", ...agent }] }, "extensions[0]"],
    ["azure:compute/windowsVirtualMachineScaleSet:WindowsVirtualMachineScaleSet", { extensions: [{ name: "agent", ...agent }] }, "extensions[0]"],
  ])("blocks the restricted extension in %s", async (type, properties, path) => {
    const [diagnostic, ...rest] = await analyze(type, properties);
    expect(rest).toEqual([]);
    expect(diagnostic.enforcementLevel).toBe("mandatory");
    expect(diagnostic.message).toMatch(/^Blocked: Azure VM extension of restricted vendor example-extensions\./);
    expect(diagnostic.message).toContain(`property:  ${path}`);
    expect(diagnostic.message).toContain(`matched:   Azure VM extension publisher "${EXTENSION_PUBLISHER.toLowerCase()}:examplelinuxagent"`);
  });

  it("leaves another extension of the same publisher alone when the catalog names one type", async () => {
    expect(await analyze("azure-native:compute:VirtualMachineExtension", { ...agent, type: "ExampleWindowsAgent" })).toEqual([]);
  });

  it("does not take a Marketplace image publisher of the same name for an extension publisher", async () => {
    expect(
      await analyze("azure-native:compute:VirtualMachine", {
        storageProfile: { imageReference: { publisher: EXTENSION_PUBLISHER, offer: "ExampleLinuxAgent", sku: "1", version: "latest" } },
      }),
    ).toEqual([]);
  });

  it("reports an extension whose type is unknown during preview as a listing it could not check", async () => {
    const [diagnostic, ...rest] = await analyze("azure-native:compute:VirtualMachineExtension", { ...agent, type: UNKNOWN });
    expect(rest).toEqual([]);
    expect(diagnostic.enforcementLevel).toBe("mandatory");
    expect(diagnostic.message).toContain("Azure VM extension type of ExampleSecurity.Agent");
  });
});
