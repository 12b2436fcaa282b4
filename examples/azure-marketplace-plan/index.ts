import * as pulumi from "@pulumi/pulumi";

// azure-native VirtualMachines, declared by type token: `new azure_native.compute.VirtualMachine(name, args)`
// registers this same type and these same inputs, without adding the 136 MB @pulumi/azure-native package
// to this repository. In your own stack, use the typed class.
const virtualMachine = (name: string, offer: string, sku: string) =>
  new pulumi.CustomResource("azure-native:compute:VirtualMachine", name, {
    resourceGroupName: "rg-security",
    location: "westeurope",
    hardwareProfile: { vmSize: "Standard_D2s_v5" },
    plan: { publisher: "contoso-security", product: offer, name: sku },
    storageProfile: {
      imageReference: { publisher: "contoso-security", offer, sku, version: "latest" },
      osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS" } },
    },
    osProfile: { computerName: name, adminUsername: "azureuser", linuxConfiguration: { disablePasswordAuthentication: true } },
    networkProfile: {
      networkInterfaces: [
        { id: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-security/providers/Microsoft.Network/networkInterfaces/${name}-nic` },
      ],
    },
  });

export const endpointAgent = virtualMachine("endpoint-agent", "endpoint-protection", "byol").urn;
export const threatFeed = virtualMachine("threat-feed", "threat-intelligence-feed", "standard").urn;
