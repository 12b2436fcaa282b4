import { Located, childPath, valuesAt } from "../../props/paths";
import { isUnknown } from "../../props/unknown";
import { AZURE_EXTENSION_FIELDS } from "../azure/azureExtensionFields";
import { Found, ImageSource } from "../container/imageSource";
import { ScanLimits } from "../limits";
import { downloadReference, downloadReferences } from "../text/downloadCommands";
import { scriptReferences } from "../text/scripts";
import { userDataTexts } from "../text/userData";
import { yamlDocuments } from "../text/yamlDocuments";
import { Extracted } from "../types";

/**
 * Where machines receive the scripts and files they run at boot, beyond the AWS user data the AWS table reads:
 * Azure custom data and user data, GCP startup-script metadata, Custom Script extensions, SSM documents and
 * Image Builder components. Scripts are read as user data (references, and the downloads their commands make);
 * a URL that is itself fetched (an extension's file URI, `startup-script-url`, a download step) is a download.
 */
const FETCHED_NOTE = "a file the machine downloads";

const script = (path: string, text: string, limits: ScanLimits, note?: string): Extracted[] => {
  const within = limits.text(path, text);
  return [...scriptReferences(path, within, limits, note), ...downloadReferences(path, within, note)];
};

const fetched = (located: Located): Extracted[] => {
  if (located.state !== "known" || typeof located.value !== "string") return [];
  const reference = downloadReference(located.path, located.value, FETCHED_NOTE);
  return reference ? [reference] : [];
};

/** A settings value: an object, or (classic provider) the JSON text of one. */
function settingsObject(value: unknown): Record<string, unknown> | undefined {
  let parsed = value;
  if (typeof value === "string" && !isUnknown(value)) {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
}

// A Custom Script extension takes its command, script and files in public or protected settings alike.
const SETTINGS_KEYS = ["settings", "protectedSettings"];

/** Custom Script extensions: the files they fetch (`fileUris`), the command they run and an inline base64 `script`. */
function readExtensionSettings(extensionPaths: string[]) {
  return (props: Record<string, unknown>, limits: ScanLimits): Found => {
    const items: Extracted[] = [];
    const consumed: string[] = [];
    const settingsPaths = extensionPaths.flatMap((pattern) => SETTINGS_KEYS.map((key) => (pattern ? `${pattern}.${key}` : key)));
    for (const located of settingsPaths.flatMap((pattern) => valuesAt(props, pattern))) {
      if (located.state !== "known") continue;
      const settings = settingsObject(located.value);
      if (!settings) continue;
      consumed.push(located.path);
      for (const uri of valuesAt(settings, "fileUris[*]")) items.push(...fetched({ ...uri, path: childPath(located.path, uri.path) }));
      if (typeof settings.commandToExecute === "string") items.push(...script(childPath(located.path, "commandToExecute"), settings.commandToExecute, limits));
      if (typeof settings.script === "string") {
        for (const decoded of userDataTexts(settings.script)) {
          if (decoded.text !== undefined) items.push(...script(childPath(located.path, "script"), decoded.text, limits, decoded.note));
        }
      }
    }
    return { items, consumed };
  };
}

/**
 * A JSON or YAML document held as text (SSM documents, Image Builder components), or nothing when it is neither;
 * read as documents in strings are, within the same limits.
 */
function documentAt(props: Record<string, unknown>, key: string, limits: ScanLimits): Record<string, unknown> | undefined {
  const text = props[key];
  if (typeof text !== "string" || isUnknown(text)) return undefined;
  const [parsed] = yamlDocuments(key, text, limits);
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
}

const commandsOf = (value: unknown): string[] =>
  typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** SSM Command documents: shell and PowerShell steps (`runCommand`), and `aws:downloadContent` from HTTP (`sourceInfo.url`). */
function readSsmDocument(props: Record<string, unknown>, limits: ScanLimits): Found {
  const document = documentAt(props, "content", limits);
  if (!document) return { items: [], consumed: [] };
  const items: Extracted[] = [];
  const steps = [
    ...valuesAt(document, "mainSteps[*]"),
    ...Object.entries(document.runtimeConfig ?? {}).map(([key, value]) => ({
      path: `runtimeConfig.${key}`,
      state: "known" as const,
      value: { action: key, inputs: (value as Record<string, unknown>)?.properties },
    })),
  ];
  for (const step of steps) {
    if (step.state !== "known" || typeof step.value !== "object" || step.value === null) continue;
    const { action, inputs } = step.value as { action?: unknown; inputs?: unknown };
    const stepInputs = (Array.isArray(inputs) ? inputs : [inputs]).filter((i): i is Record<string, unknown> => typeof i === "object" && i !== null);
    for (const input of stepInputs) {
      if (action === "aws:runShellScript" || action === "aws:runPowerShellScript") {
        commandsOf(input.runCommand).forEach((command, i) => items.push(...script(`content.${step.path}.inputs.runCommand[${i}]`, command, limits)));
      } else if (action === "aws:downloadContent" && String(input.sourceType).toUpperCase() === "HTTP") {
        const url = settingsObject(input.sourceInfo)?.url;
        if (typeof url === "string") items.push(...fetched({ path: `content.${step.path}.inputs.sourceInfo.url`, state: "known", value: url }));
      }
    }
  }
  return { items, consumed: ["content"] };
}

/** Image Builder components: ExecuteBash/ExecutePowerShell `commands`, and the `source` URLs of WebDownload steps. */
function readComponent(props: Record<string, unknown>, limits: ScanLimits): Found {
  const document = documentAt(props, "data", limits);
  if (!document) return { items: [], consumed: [] };
  const items: Extracted[] = [];
  for (const step of valuesAt(document, "phases[*].steps[*]")) {
    if (step.state !== "known" || typeof step.value !== "object" || step.value === null) continue;
    const { action, inputs } = step.value as { action?: unknown; inputs?: unknown };
    const at = `data.${step.path}.inputs`;
    if (action === "ExecuteBash" || action === "ExecutePowerShell") {
      commandsOf((inputs as Record<string, unknown> | undefined)?.commands).forEach((command, i) =>
        items.push(...script(`${at}.commands[${i}]`, command, limits)),
      );
    } else if (action === "WebDownload") {
      for (const source of valuesAt(inputs, "[*].source")) items.push(...fetched({ ...source, path: `${at}${source.path}` }));
    }
  }
  return { items, consumed: ["data"] };
}

// GCP runs the startup scripts (Linux and Windows) and hands `user-data` to cloud-init.
const GCP_METADATA = {
  userData: [
    "metadataStartupScript",
    "metadata.startup-script",
    "metadata.user-data",
    "metadata.windows-startup-script-ps1",
    "metadata.sysprep-specialize-script-ps1",
  ],
  custom: {
    paths: ["metadata.startup-script-url"],
    read: (props: Record<string, unknown>) => ({
      items: valuesAt(props, "metadata.startup-script-url").flatMap(fetched),
      consumed: ["metadata.startup-script-url"],
    }),
  },
};

export const STARTUP_SOURCES: ImageSource[] = [
  { type: "azure-native:compute:VirtualMachine", userData: ["osProfile.customData", "userData"] },
  { type: "azure-native:compute:VirtualMachineScaleSet", userData: ["virtualMachineProfile.osProfile.customData", "virtualMachineProfile.userData"] },
  { type: "azure:compute/linuxVirtualMachine:LinuxVirtualMachine", userData: ["customData", "userData"] },
  { type: "azure:compute/windowsVirtualMachine:WindowsVirtualMachine", userData: ["customData", "userData"] },
  { type: "azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet", userData: ["customData", "userData"] },
  { type: "azure:compute/windowsVirtualMachineScaleSet:WindowsVirtualMachineScaleSet", userData: ["customData", "userData"] },
  { type: "gcp:compute/instance:Instance", ...GCP_METADATA },
  { type: "gcp:compute/instanceTemplate:InstanceTemplate", ...GCP_METADATA },
  { type: "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate", ...GCP_METADATA },
  ...AZURE_EXTENSION_FIELDS.map(({ type, paths }) => ({
    type,
    custom: { paths: paths.flatMap((p) => SETTINGS_KEYS.map((key) => (p ? `${p}.${key}` : key))), read: readExtensionSettings(paths) },
  })),
  { type: "aws:ssm/document:Document", custom: { paths: ["content (runCommand, downloadContent)"], read: readSsmDocument } },
  { type: "aws:imagebuilder/component:Component", custom: { paths: ["data (commands, WebDownload)"], read: readComponent } },
];
