import { ImageSource } from "../container/imageSource";

/**
 * Scripts that GCP and Azure run when a machine starts, read as user data is (plain, base64, gzip+base64,
 * cloud-config): GCP's startup scripts and cloud-init `user-data` in instance metadata, Azure's custom data and
 * user data, and the command and script of a Custom Script extension.
 */
// A Custom Script extension's command line and its base64 script, in public or protected settings.
const CUSTOM_SCRIPT_PATHS = ["settings", "protectedSettings"].flatMap((settings) => [`${settings}.commandToExecute`, `${settings}.script`]);

const STARTUP_SCRIPTS: ReadonlyArray<{ type: string; json?: string[]; paths: string[] }> = [
  ...["gcp:compute/instance:Instance", "gcp:compute/instanceTemplate:InstanceTemplate", "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate"].map((type) => ({
    type,
    paths: ["metadataStartupScript", "metadata.startup-script", "metadata.user-data", "metadata.windows-startup-script-ps1", "metadata.sysprep-specialize-script-ps1"],
  })),
  { type: "azure-native:compute:VirtualMachine", paths: ["osProfile.customData", "userData"] },
  { type: "azure-native:compute:VirtualMachineScaleSet", paths: ["virtualMachineProfile.osProfile.customData", "virtualMachineProfile.userData"] },
  ...["linux", "windows"].flatMap((os) => [
    { type: `azure:compute/${os}VirtualMachine:${os[0].toUpperCase()}${os.slice(1)}VirtualMachine`, paths: ["customData", "userData"] },
    { type: `azure:compute/${os}VirtualMachineScaleSet:${os[0].toUpperCase()}${os.slice(1)}VirtualMachineScaleSet`, paths: ["customData", "userData"] },
  ]),
  { type: "azure-native:compute:VirtualMachineExtension", paths: CUSTOM_SCRIPT_PATHS },
  { type: "azure-native:compute:VirtualMachineScaleSetExtension", paths: CUSTOM_SCRIPT_PATHS },
  // The classic provider takes the extension's settings as JSON strings.
  { type: "azure:compute/virtualMachineExtension:VirtualMachineExtension", json: ["settings", "protectedSettings"], paths: CUSTOM_SCRIPT_PATHS },
];

export const STARTUP_SCRIPT_SOURCES: ImageSource[] = STARTUP_SCRIPTS.map(({ type, json, paths }) => ({ type, ...(json ? { json } : {}), userData: paths }));
