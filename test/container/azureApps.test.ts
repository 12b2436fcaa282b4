import { UNKNOWN, secret } from "../../src/harness/wireValues";
import { KCS_IMAGE, levels, properties, useContainerPack } from "./support";

const { configure, analyze } = useContainerPack();

beforeEach(() => configure());

const HUB_IMAGE = "examplevendor/agent:1.4";
const PLAN = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan";

describe("App Service and Functions in azure-native: siteConfig.linuxFxVersion / windowsFxVersion", () => {
  const site = (siteConfig: Record<string, unknown>, kind = "app,linux") => ({
    resourceGroupName: "rg",
    serverFarmId: PLAN,
    kind,
    httpsOnly: true,
    siteConfig: { alwaysOn: true, ...siteConfig },
  });

  it.each([
    ["azure-native:web:WebApp", site({ linuxFxVersion: `DOCKER|${HUB_IMAGE}` }), "siteConfig.linuxFxVersion"],
    ["azure-native:web:WebApp", site({ linuxFxVersion: `DOCKER|${KCS_IMAGE}` }), "siteConfig.linuxFxVersion"],
    ["azure-native:web:WebApp", site({ windowsFxVersion: `DOCKER|${HUB_IMAGE}` }, "app,container,windows"), "siteConfig.windowsFxVersion"],
    ["azure-native:web:WebApp", site({ linuxFxVersion: `DOCKER|${HUB_IMAGE}` }, "functionapp,linux"), "siteConfig.linuxFxVersion"],
    ["azure-native:web:WebAppSlot", { ...site({ linuxFxVersion: `DOCKER|${HUB_IMAGE}` }), name: "app", slot: "staging" }, "siteConfig.linuxFxVersion"],
  ])("blocks a restricted DOCKER| image in %s (%#)", async (type, props, property) => {
    const diagnostics = await analyze(type, props);
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual([property]);
  });

  it("quotes the image without the DOCKER| prefix, read as its Docker Hub name", async () => {
    const [diagnostic] = await analyze("azure-native:web:WebApp", site({ linuxFxVersion: `DOCKER|${HUB_IMAGE}` }));
    expect(diagnostic.message).toContain(`reference: container image ${HUB_IMAGE} (read as docker.io/${HUB_IMAGE})`);
  });

  it.each([
    ["an unrestricted image", { linuxFxVersion: "DOCKER|microsoft/azure-appservices-go-quickstart" }],
    ["a language stack", { linuxFxVersion: "NODE|20-lts" }],
    ["a Windows .NET stack", { windowsFxVersion: "DOTNET|8.0" }],
  ])("leaves a web app with %s alone", async (_case, siteConfig) => {
    expect(await analyze("azure-native:web:WebApp", site(siteConfig))).toEqual([]);
  });

  it("reports a linuxFxVersion that is unknown during preview (DOCKER|${image.imageName}) as not checked", async () => {
    const [diagnostic, ...rest] = await analyze("azure-native:web:WebApp", site({ linuxFxVersion: UNKNOWN }));
    expect(rest).toEqual([]);
    expect(properties([diagnostic])).toEqual(["siteConfig.linuxFxVersion"]);
    expect(diagnostic.message).toMatch(/^Could not check/);
  });

  it("finds a pull command in an app setting", async () => {
    const props = site({ linuxFxVersion: "NODE|20-lts", appSettings: [{ name: "INIT", value: `docker pull ${KCS_IMAGE}` }] });
    expect(properties(await analyze("azure-native:web:WebApp", props))).toEqual(["siteConfig.appSettings[0].value"]);
  });

  it.each(["azure-native:web:WebAppSiteContainer", "azure-native:web:WebAppSiteContainerSlot"])("blocks a restricted sidecar image in %s", async (type) => {
    const diagnostics = await analyze(type, { resourceGroupName: "rg", name: "app", containerName: "agent", image: HUB_IMAGE, isMain: false });
    expect(properties(diagnostics)).toEqual(["image"]);
  });
});

describe("App Service and Functions in the classic provider: siteConfig.applicationStack", () => {
  const webApp = (applicationStack: Record<string, unknown>) => ({
    resourceGroupName: "rg",
    location: "westeurope",
    servicePlanId: PLAN,
    siteConfig: { alwaysOn: true, applicationStack },
  });

  it.each([
    "azure:appservice/linuxWebApp:LinuxWebApp",
    "azure:appservice/linuxWebAppSlot:LinuxWebAppSlot",
    "azure:appservice/windowsWebApp:WindowsWebApp",
    "azure:appservice/windowsWebAppSlot:WindowsWebAppSlot",
  ])("blocks a restricted image on Docker Hub in %s", async (type) => {
    const diagnostics = await analyze(type, webApp({ dockerImageName: HUB_IMAGE, dockerRegistryUrl: "https://index.docker.io" }));
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual(["siteConfig.applicationStack.dockerImageName"]);
  });

  it("reads the image under the registry URL's host, as the provider joins them", async () => {
    const [diagnostic] = await analyze(
      "azure:appservice/linuxWebApp:LinuxWebApp",
      webApp({ dockerImageName: "kcs/scanner:2.0", dockerRegistryUrl: "https://repo.kcs.kaspersky.com" }),
    );
    expect(diagnostic.message).toContain("reference: container image repo.kcs.kaspersky.com/kcs/scanner:2.0");
    expect(diagnostic.message).toContain("composed from dockerRegistryUrl, dockerImageName");
  });

  it("leaves the same image name under another registry alone", async () => {
    expect(
      await analyze("azure:appservice/linuxWebApp:LinuxWebApp", webApp({ dockerImageName: "kcs/scanner:2.0", dockerRegistryUrl: "https://mcr.microsoft.com" })),
    ).toEqual([]);
  });

  it("reports a registry URL that is unknown during preview (an ACR login server) as not checked", async () => {
    const [diagnostic, ...rest] = await analyze(
      "azure:appservice/linuxWebApp:LinuxWebApp",
      webApp({ dockerImageName: "kcs/scanner:2.0", dockerRegistryUrl: UNKNOWN }),
    );
    expect(rest).toEqual([]);
    expect(properties([diagnostic])).toEqual(["siteConfig.applicationStack.dockerRegistryUrl"]);
    expect(diagnostic.message).toMatch(/^Could not check/);
  });

  it("quotes neither the registry password nor credentials written into the registry URL", async () => {
    const stack = {
      dockerImageName: "kcs/scanner:2.0",
      dockerRegistryUrl: "https://deploy:ZZSECRET1@repo.kcs.kaspersky.com",
      dockerRegistryUsername: "deploy",
      dockerRegistryPassword: secret("ZZSECRET2"),
    };
    const diagnostics = await analyze("azure:appservice/linuxWebApp:LinuxWebApp", webApp(stack));
    expect(properties(diagnostics)).toEqual(["siteConfig.applicationStack.dockerImageName"]);
    expect(diagnostics[0].message).toContain("reference: container image repo.kcs.kaspersky.com/kcs/scanner:2.0");
    expect(diagnostics[0].message).not.toContain("ZZSECRET");
  });

  it.each(["azure:appservice/linuxFunctionApp:LinuxFunctionApp", "azure:appservice/linuxFunctionAppSlot:LinuxFunctionAppSlot"])(
    "blocks a restricted image in the docker block of %s (name and tag joined)",
    async (type) => {
      const dockers = [{ registryUrl: "https://repo.kcs.kaspersky.com", imageName: "kcs/scanner", imageTag: "2.0" }];
      const diagnostics = await analyze(type, { ...webApp({ dockers }), storageAccountName: "funcstore" });
      expect(properties(diagnostics)).toEqual(["siteConfig.applicationStack.dockers[0].imageName"]);
      expect(diagnostics[0].message).toContain(`reference: container image ${KCS_IMAGE}`);
    },
  );

  it.each([
    ["azure:appservice/appService:AppService", { linuxFxVersion: `DOCKER|${HUB_IMAGE}` }, "siteConfig.linuxFxVersion"],
    ["azure:appservice/slot:Slot", { windowsFxVersion: `DOCKER|${HUB_IMAGE}` }, "siteConfig.windowsFxVersion"],
    ["azure:appservice/functionApp:FunctionApp", { linuxFxVersion: `DOCKER|${HUB_IMAGE}` }, "siteConfig.linuxFxVersion"],
    ["azure:appservice/functionAppSlot:FunctionAppSlot", { linuxFxVersion: `DOCKER|${HUB_IMAGE}` }, "siteConfig.linuxFxVersion"],
  ])("blocks a restricted DOCKER| image in the deprecated %s", async (type, siteConfig, property) => {
    expect(properties(await analyze(type, { resourceGroupName: "rg", appServicePlanId: PLAN, siteConfig }))).toEqual([property]);
  });
});

describe("Container Apps and Container Apps jobs", () => {
  const containers = (image: string) => [
    { name: "web", image: "mcr.microsoft.com/k8se/quickstart:latest", resources: { cpu: 0.5, memory: "1Gi" } },
    { name: "agent", image },
  ];

  it.each([
    ["azure-native:app:ContainerApp", { template: { containers: containers(HUB_IMAGE) } }, "template.containers[1].image"],
    ["azure-native:app:ContainerApp", { template: { containers: containers(KCS_IMAGE) } }, "template.containers[1].image"],
    [
      "azure-native:app:ContainerApp",
      { template: { containers: containers("nginx"), initContainers: [{ name: "init", image: HUB_IMAGE }] } },
      "template.initContainers[0].image",
    ],
    [
      "azure-native:app:Job",
      { configuration: { triggerType: "Manual", replicaTimeout: 300 }, template: { containers: containers(HUB_IMAGE) } },
      "template.containers[1].image",
    ],
    [
      "azure-native:app:ContainerAppsSessionPool",
      { customContainerTemplate: { containers: [{ name: "agent", image: HUB_IMAGE }] } },
      "customContainerTemplate.containers[0].image",
    ],
    ["azure:containerapp/app:App", { revisionMode: "Single", template: { containers: containers(HUB_IMAGE) } }, "template.containers[1].image"],
    [
      "azure:containerapp/job:Job",
      { replicaTimeoutInSeconds: 300, template: { containers: containers("nginx"), initContainers: [{ name: "init", image: KCS_IMAGE }] } },
      "template.initContainers[0].image",
    ],
  ])("blocks a restricted image in %s (%#)", async (type, props, property) => {
    const diagnostics = await analyze(type, { resourceGroupName: "rg", ...props });
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual([property]);
  });

  it("leaves a container app of unrestricted images alone", async () => {
    expect(await analyze("azure-native:app:ContainerApp", { resourceGroupName: "rg", template: { containers: containers("nginx:1.27") } })).toEqual([]);
  });

  it("reports an image that is unknown during preview (built by the stack) as not checked", async () => {
    const [diagnostic, ...rest] = await analyze("azure-native:app:ContainerApp", {
      resourceGroupName: "rg",
      template: { containers: [{ name: "app", image: UNKNOWN }] },
    });
    expect(rest).toEqual([]);
    expect(properties([diagnostic])).toEqual(["template.containers[0].image"]);
    expect(diagnostic.message).toMatch(/^Could not check/);
  });

  it.each([
    ["azure-native:app:ContainerApp", { command: ["sh", "-c"], args: [`docker pull ${KCS_IMAGE}`] }, "template.containers[0].args[0]"],
    ["azure:containerapp/app:App", { commands: ["sh", "-c"], args: [`docker pull ${KCS_IMAGE}`] }, "template.containers[0].args[0]"],
  ])("finds a pull command in a container's arguments in %s", async (type, command, property) => {
    const props = { resourceGroupName: "rg", template: { containers: [{ name: "init", image: "docker:27", ...command }] } };
    expect(properties(await analyze(type, props))).toEqual([property]);
  });
});
