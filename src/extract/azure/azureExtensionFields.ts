/**
 * Where Azure resources name a VM extension {publisher, type}, by Pulumi type token: the extension resources
 * themselves ("" is the resource) and the extensions a scale set declares inline. Names as in the providers'
 * schemas: azure-native flattens the ARM `properties` (publisher, type, settings); the classic provider's
 * inline blocks (`extension` in its Terraform schema) are the `extensions` list.
 */
export const AZURE_EXTENSION_FIELDS: ReadonlyArray<{ type: string; paths: string[] }> = [
  { type: "azure-native:compute:VirtualMachineExtension", paths: [""] },
  { type: "azure-native:compute:VirtualMachineScaleSetExtension", paths: [""] },
  { type: "azure-native:compute:VirtualMachineScaleSet", paths: ["virtualMachineProfile.extensionProfile.extensions[*]"] },
  { type: "azure-native:hybridcompute:MachineExtension", paths: [""] },
  { type: "azure:compute/virtualMachineExtension:VirtualMachineExtension", paths: [""] },
  { type: "azure:compute/virtualMachineScaleSetExtension:VirtualMachineScaleSetExtension", paths: [""] },
  { type: "azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet", paths: ["extensions[*]"] },
  { type: "azure:compute/windowsVirtualMachineScaleSet:WindowsVirtualMachineScaleSet", paths: ["extensions[*]"] },
  { type: "azure:compute/orchestratedVirtualMachineScaleSet:OrchestratedVirtualMachineScaleSet", paths: ["extensions[*]"] },
  { type: "azure:compute/scaleSet:ScaleSet", paths: ["extensions[*]"] },
];
