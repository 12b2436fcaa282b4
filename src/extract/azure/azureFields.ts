/**
 * Where Azure resources name a Marketplace listing, by Pulumi type token: the purchase `plan`
 * {publisher, product, name}, the image reference {publisher, offer, sku, version}, a platform image id
 * (/Subscriptions/.../Publishers/<p>/ArtifactTypes/VMImage/Offers/<o>/Skus/<s>/Versions/<v>), or an
 * accepted agreement. azure-native has no marketplace-ordering agreement resource (checked in v1, v2 and v3).
 */
export type AzureShape = "plan" | "image" | "platform-image-id" | "agreement";

/** "" is the resource itself (an agreement's top-level publisher, offer and plan). */
export const AZURE_FIELDS: ReadonlyArray<{ type: string; shapes: Readonly<Record<string, AzureShape>> }> = [
  { type: "azure-native:compute:VirtualMachine", shapes: { plan: "plan", "storageProfile.imageReference": "image" } },
  { type: "azure-native:compute:VirtualMachineScaleSet", shapes: { plan: "plan", "virtualMachineProfile.storageProfile.imageReference": "image" } },
  { type: "azure-native:compute:VirtualMachineScaleSetVM", shapes: { plan: "plan", "storageProfile.imageReference": "image" } },
  { type: "azure-native:compute:Disk", shapes: { purchasePlan: "plan", "creationData.imageReference.id": "platform-image-id" } },
  { type: "azure:compute/virtualMachine:VirtualMachine", shapes: { plan: "plan", storageImageReference: "image" } },
  { type: "azure:compute/linuxVirtualMachine:LinuxVirtualMachine", shapes: { plan: "plan", sourceImageReference: "image" } },
  { type: "azure:compute/windowsVirtualMachine:WindowsVirtualMachine", shapes: { plan: "plan", sourceImageReference: "image" } },
  { type: "azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet", shapes: { plan: "plan", sourceImageReference: "image" } },
  { type: "azure:compute/windowsVirtualMachineScaleSet:WindowsVirtualMachineScaleSet", shapes: { plan: "plan", sourceImageReference: "image" } },
  { type: "azure:compute/orchestratedVirtualMachineScaleSet:OrchestratedVirtualMachineScaleSet", shapes: { plan: "plan", sourceImageReference: "image" } },
  { type: "azure:compute/scaleSet:ScaleSet", shapes: { plan: "plan", storageProfileImageReference: "image" } },
  { type: "azure:compute/managedDisk:ManagedDisk", shapes: { imageReferenceId: "platform-image-id" } },
  { type: "azure:marketplace/agreement:Agreement", shapes: { "": "agreement" } },
];
