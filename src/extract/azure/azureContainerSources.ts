import { ImageSource } from "../container/imageSource";
import { ComposedImage, appServiceImages } from "./appServiceImages";

/** Container Apps and jobs: azure-native names a container's lists `command` and `env`, the classic provider `commands` and `envs`. */
const containerLists = (lists: string[], commands: string, env: string) => ({
  images: lists.map((l) => `${l}.image`),
  text: lists.flatMap((l) => [`${l}.${commands}`, `${l}.args`, `${l}.${env}[*].value`]),
});
const NATIVE_TEMPLATE = containerLists(["template.containers[*]", "template.initContainers[*]"], "command", "env");
const CLASSIC_TEMPLATE = containerLists(["template.containers[*]", "template.initContainers[*]"], "commands", "envs");

const NATIVE_SITE_FX = ["siteConfig.linuxFxVersion", "siteConfig.windowsFxVersion"];
const NATIVE_SITE_TEXT = ["siteConfig.appCommandLine", "siteConfig.appSettings[*].value"];
const WEB_APP_STACK: ComposedImage = { at: "siteConfig.applicationStack", name: "dockerImageName", registry: "dockerRegistryUrl" };
const FUNCTION_APP_STACK: ComposedImage = { at: "siteConfig.applicationStack.dockers[*]", name: "imageName", tag: "imageTag", registry: "registryUrl" };

/**
 * Azure App Service and Functions (web apps, function apps and their slots) and Container Apps, in azure-native
 * (a function app is a `web:WebApp` of kind `functionapp`) and the classic provider.
 */
export const AZURE_APP_SOURCES: ImageSource[] = [
  { type: "azure-native:app:ContainerApp", ...NATIVE_TEMPLATE },
  { type: "azure-native:app:Job", ...NATIVE_TEMPLATE },
  { type: "azure-native:app:ContainerAppsSessionPool", ...containerLists(["customContainerTemplate.containers[*]"], "command", "env") },
  { type: "azure:containerapp/app:App", ...CLASSIC_TEMPLATE },
  { type: "azure:containerapp/job:Job", ...CLASSIC_TEMPLATE },
  { type: "azure-native:web:WebApp", text: NATIVE_SITE_TEXT, custom: appServiceImages({ fxVersions: NATIVE_SITE_FX }) },
  { type: "azure-native:web:WebAppSlot", text: NATIVE_SITE_TEXT, custom: appServiceImages({ fxVersions: NATIVE_SITE_FX }) },
  { type: "azure-native:web:WebAppSiteContainer", images: ["image"], text: ["startUpCommand"] },
  { type: "azure-native:web:WebAppSiteContainerSlot", images: ["image"], text: ["startUpCommand"] },
  ...[
    "azure:appservice/linuxWebApp:LinuxWebApp",
    "azure:appservice/linuxWebAppSlot:LinuxWebAppSlot",
    "azure:appservice/windowsWebApp:WindowsWebApp",
    "azure:appservice/windowsWebAppSlot:WindowsWebAppSlot",
  ].map((type) => ({ type, text: ["siteConfig.appCommandLine", "appSettings"], custom: appServiceImages({ composed: [WEB_APP_STACK] }) })),
  ...["azure:appservice/linuxFunctionApp:LinuxFunctionApp", "azure:appservice/linuxFunctionAppSlot:LinuxFunctionAppSlot"].map((type) => ({
    type,
    text: ["siteConfig.appCommandLine", "appSettings"],
    custom: appServiceImages({ composed: [FUNCTION_APP_STACK] }),
  })),
  // The classic provider's deprecated resources take the stack string itself.
  ...["azure:appservice/appService:AppService", "azure:appservice/slot:Slot"].map((type) => ({
    type,
    text: ["siteConfig.appCommandLine", "appSettings"],
    custom: appServiceImages({ fxVersions: NATIVE_SITE_FX }),
  })),
  ...["azure:appservice/functionApp:FunctionApp", "azure:appservice/functionAppSlot:FunctionAppSlot"].map((type) => ({
    type,
    text: ["appSettings"],
    custom: appServiceImages({ fxVersions: ["siteConfig.linuxFxVersion"] }),
  })),
];
