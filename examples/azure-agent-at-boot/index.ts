import * as pulumi from "@pulumi/pulumi";

// azure-native resources declared by type token: `new azure_native.compute.VirtualMachine(name, args)` registers
// this same type and these same inputs, without adding the @pulumi/azure-native package to this repository.
const KESL =
  "https://products.s.kaspersky-labs.com/endpoints/keslinux10/11.2.0.4528/multilanguage-11.2.0.4528/3437313131347c44454c7c31/kesl_11.2.0-4528_amd64.deb";
const RG = "rg-app";
const NIC = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-app/providers/Microsoft.Network/networkInterfaces/app-nic";

// What an install runbook puts in custom data: cloud-init runs it at first boot.
const startupScript = [
  "#!/bin/bash",
  "set -e",
  `curl -fsSLo /tmp/kesl.deb ${KESL}`,
  "dpkg -i /tmp/kesl.deb",
  "/opt/kaspersky/kesl/bin/kesl-setup.pl --autoinstall=/etc/kesl-autoinstall.ini",
].join("\n");
const base64 = (text: string) => Buffer.from(text).toString("base64");

const image = { publisher: "Canonical", offer: "0001-com-ubuntu-server-jammy", sku: "22_04-lts-gen2", version: "latest" };

const vm = new pulumi.CustomResource("azure-native:compute:VirtualMachine", "app-vm", {
  resourceGroupName: RG,
  location: "westeurope",
  hardwareProfile: { vmSize: "Standard_D2s_v5" },
  storageProfile: { imageReference: image, osDisk: { createOption: "FromImage" } },
  osProfile: {
    computerName: "app-vm",
    adminUsername: "azureuser",
    customData: base64(startupScript),
    linuxConfiguration: { disablePasswordAuthentication: true },
  },
  networkProfile: { networkInterfaces: [{ id: NIC }] },
  tags: { runbook: "https://wiki.example.com/runbooks/endpoint-agent" },
});

// The Custom Script extension fetches the installer itself (fileUris) and runs it.
export const agentExtension = new pulumi.CustomResource(
  "azure-native:compute:VirtualMachineExtension",
  "app-vm-agent",
  {
    resourceGroupName: RG,
    vmName: "app-vm",
    location: "westeurope",
    publisher: "Microsoft.Azure.Extensions",
    type: "CustomScript",
    typeHandlerVersion: "2.1",
    settings: { fileUris: [KESL], commandToExecute: "dpkg -i kesl_11.2.0-4528_amd64.deb" },
  },
  { dependsOn: [vm] },
).urn;

// A scale set: the same extension inline in its extension profile, and the startup script as user data.
export const scaleSet = new pulumi.CustomResource("azure-native:compute:VirtualMachineScaleSet", "app-vmss", {
  resourceGroupName: RG,
  location: "westeurope",
  sku: { name: "Standard_D2s_v5", capacity: 2 },
  upgradePolicy: { mode: "Automatic" },
  virtualMachineProfile: {
    storageProfile: { imageReference: image, osDisk: { createOption: "FromImage" } },
    osProfile: { computerNamePrefix: "app", adminUsername: "azureuser", linuxConfiguration: { disablePasswordAuthentication: true } },
    userData: base64(startupScript),
    extensionProfile: {
      extensions: [
        {
          name: "agent",
          publisher: "Microsoft.Azure.Extensions",
          type: "CustomScript",
          typeHandlerVersion: "2.1",
          settings: { fileUris: [KESL], commandToExecute: "dpkg -i kesl_11.2.0-4528_amd64.deb" },
        },
      ],
    },
  },
}).urn;

export const appVm = vm.urn;
