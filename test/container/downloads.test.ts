import { containerImageExtractor } from "../../src/extract/container/containerImages";
import { downloadReferences } from "../../src/extract/text/downloadCommands";
import { Extracted, Reference } from "../../src/extract/types";

const HOST = "downloads.vendor.example";
const URL = `https://${HOST}/agent/2.1/agent_2.1_amd64.deb`;

const downloadHosts = (text: string) => downloadReferences("userData", text).flatMap((r) => r.facts.downloadHosts ?? []);

const downloadsIn = (type: string, props: Record<string, unknown>): Array<{ path: string; host: string }> =>
  containerImageExtractor
    .extract({ type, urn: `urn:pulumi:dev::example::${type}::r`, name: "r", props })
    .filter((item: Extracted): item is Reference => item.kind === "software-download")
    .map((r) => ({ path: r.path, host: r.facts.downloadHosts![0] }));

describe("download commands in startup text", () => {
  it.each([
    ["curl", `curl -fsSLo /tmp/agent.deb ${URL}`],
    ["wget", `sudo wget -q ${URL}`],
    ["Invoke-WebRequest", `Invoke-WebRequest -Uri ${URL} -OutFile C:\\agent.msi`],
    ["iwr", `iwr ${URL} -OutFile agent.msi`],
    ["Start-BitsTransfer", `Start-BitsTransfer -Source ${URL} -Destination C:\\agent.msi`],
    ["WebClient.DownloadFile", `(New-Object Net.WebClient).DownloadFile('${URL}', 'C:\\agent.msi')`],
    ["msiexec", `msiexec /i ${URL} /qn`],
    ["rpm with a URL", `rpm -ivh ${URL}`],
    ["dnf with a URL", `dnf install -y ${URL}`],
    ["yum with a URL", `yum localinstall -y ${URL}`],
    ["apt source line", `echo "deb [arch=amd64] https://${HOST}/apt stable main" > /etc/apt/sources.list.d/vendor.list`],
    ["yum repository baseurl", `baseurl=https://${HOST}/rpm/el9/`],
    ["cloud-config yum_repos baseurl", `    baseurl: https://${HOST}/rpm/el9/`],
    ["add-apt-repository", `add-apt-repository "deb https://${HOST}/apt stable main"`],
    ["a download continued over lines", `curl -fsSL \\\n  ${URL} \\\n  -o /tmp/agent.deb`],
    ["a download followed by dpkg on the same line", `wget ${URL} && dpkg -i agent_2.1_amd64.deb`],
  ])("reads %s", (_what, line) => {
    expect(downloadHosts(`#!/bin/sh\n${line}\n`)).toEqual([HOST]);
  });

  it.each([
    ["a comment", `# agent docs: ${URL}`],
    ["an echo", `echo "installed from ${URL}"`],
    ["a variable assignment alone", `DOCS=${URL}`],
  ])("does not read %s as a download", (_what, line) => {
    expect(downloadHosts(line)).toEqual([]);
  });

  it("keeps the port and drops credentials, query and fragment from the value", () => {
    const [reference] = downloadReferences("userData", `curl https://user:secret@${HOST}:8443/agent.deb?token=abc#x`);
    expect(reference.value).toBe(`https://${HOST}:8443/agent.deb`);
    expect(reference.facts.downloadHosts).toEqual([`${HOST}:8443`]);
  });
});

describe("where machines fetch software at boot", () => {
  const script = `#!/bin/bash\ncurl -o /tmp/a.deb ${URL}\n`;
  const base64 = Buffer.from(script).toString("base64");

  it("reads azure-native VM custom data and user data (base64)", () => {
    expect(downloadsIn("azure-native:compute:VirtualMachine", { osProfile: { customData: base64 }, userData: base64 })).toEqual([
      { path: "osProfile.customData", host: HOST },
      { path: "userData", host: HOST },
    ]);
  });

  it("reads a classic scale set's custom data", () => {
    expect(downloadsIn("azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet", { customData: base64 })).toEqual([
      { path: "customData", host: HOST },
    ]);
  });

  it("reads GCP startup-script metadata and takes startup-script-url as a download", () => {
    expect(downloadsIn("gcp:compute/instance:Instance", { metadata: { "startup-script": script, "startup-script-url": `https://${HOST}/boot.sh` } })).toEqual([
      { path: "metadata.startup-script", host: HOST },
      { path: "metadata.startup-script-url", host: HOST },
    ]);
    expect(downloadsIn("gcp:compute/instanceTemplate:InstanceTemplate", { metadataStartupScript: script })).toEqual([
      { path: "metadataStartupScript", host: HOST },
    ]);
  });

  it("reads a Custom Script extension's fileUris and commandToExecute (azure-native object settings)", () => {
    const settings = { fileUris: [`https://${HOST}/install.sh`], commandToExecute: `bash install.sh && wget ${URL}` };
    expect(downloadsIn("azure-native:compute:VirtualMachineExtension", { publisher: "Microsoft.Azure.Extensions", type: "CustomScript", settings })).toEqual([
      { path: "settings.fileUris[0]", host: HOST },
      { path: "settings.commandToExecute", host: HOST },
    ]);
  });

  it("reads a classic Custom Script extension whose settings are JSON text", () => {
    const settings = JSON.stringify({ fileUris: [`https://${HOST}/install.ps1`], commandToExecute: "powershell -File install.ps1" });
    expect(
      downloadsIn("azure:compute/virtualMachineExtension:VirtualMachineExtension", { publisher: "Microsoft.Compute", type: "CustomScriptExtension", settings }),
    ).toEqual([{ path: "settings.fileUris[0]", host: HOST }]);
  });

  it("reads the extensions a scale set declares inline", () => {
    const extensions = [
      { name: "install", publisher: "Microsoft.Azure.Extensions", type: "CustomScript", settings: { fileUris: [`https://${HOST}/install.sh`] } },
    ];
    expect(downloadsIn("azure-native:compute:VirtualMachineScaleSet", { virtualMachineProfile: { extensionProfile: { extensions } } })).toEqual([
      { path: "virtualMachineProfile.extensionProfile.extensions[0].settings.fileUris[0]", host: HOST },
    ]);
  });

  it("reads SSM documents: runShellScript commands and downloadContent from HTTP", () => {
    const content = JSON.stringify({
      schemaVersion: "2.2",
      mainSteps: [
        {
          action: "aws:downloadContent",
          name: "get",
          inputs: { sourceType: "HTTP", sourceInfo: JSON.stringify({ url: `https://${HOST}/agent.sh` }), destinationPath: "/tmp" },
        },
        { action: "aws:runShellScript", name: "run", inputs: { runCommand: ["set -e", `wget ${URL}`] } },
      ],
    });
    expect(downloadsIn("aws:ssm/document:Document", { documentType: "Command", content })).toEqual([
      { path: "content.mainSteps[0].inputs.sourceInfo.url", host: HOST },
      { path: "content.mainSteps[1].inputs.runCommand[1]", host: HOST },
    ]);
  });

  it("reads Image Builder components written in YAML: ExecuteBash and WebDownload", () => {
    const data = [
      "name: agent",
      "schemaVersion: 1.0",
      "phases:",
      "  - name: build",
      "    steps:",
      "      - name: fetch",
      "        action: WebDownload",
      "        inputs:",
      `          - source: https://${HOST}/agent.deb`,
      "            destination: /tmp/agent.deb",
      "      - name: install",
      "        action: ExecuteBash",
      "        inputs:",
      "          commands:",
      `            - curl -o /tmp/b.deb ${URL}`,
    ].join("\n");
    expect(downloadsIn("aws:imagebuilder/component:Component", { platform: "Linux", data })).toEqual([
      { path: "data.phases[0].steps[0].inputs[0].source", host: HOST },
      { path: "data.phases[0].steps[1].inputs.commands[0]", host: HOST },
    ]);
  });

  it("does not take a URL in a tag as a download", () => {
    expect(downloadsIn("azure-native:compute:VirtualMachine", { tags: { docs: URL }, osProfile: { computerName: "vm" } })).toEqual([]);
  });
});
