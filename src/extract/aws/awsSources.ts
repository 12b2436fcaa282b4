import { valuesAt } from "../../props/paths";
import { classifyMachineImage } from "../ami/amiExtractor";
import { Found, ImageSource, classifyImage, classifyImageText } from "../container/imageSource";
import { baseImages, firstOfEachImage } from "../docker/dockerfile";
import { ScanLimits } from "../limits";
import { Extracted } from "../types";

const ECS_CONTAINER = (list: string) => ({
  images: [`${list}.image`],
  text: [`${list}.command`, `${list}.entryPoint`, `${list}.environment[*].value`],
});

const EKS_POD = (pod: string, commands: string, env: string) => {
  const lists = [`${pod}.containers[*]`, `${pod}.initContainers[*]`];
  return { images: lists.map((l) => `${l}.image`), text: lists.flatMap((l) => [`${l}.${commands}`, `${l}.args`, `${l}.${env}[*].value`]) };
};

const merge = (...parts: Array<{ images: string[]; text: string[] }>) => ({
  images: parts.flatMap((p) => p.images),
  text: parts.flatMap((p) => p.text),
});

/** AWS Batch job definitions: JSON documents for container, ECS and multi-node properties, a typed object for EKS. */
const BATCH = merge(
  ECS_CONTAINER("containerProperties"),
  ECS_CONTAINER("ecsProperties.taskProperties[*].containers[*]"),
  EKS_POD("eksProperties.podProperties", "commands", "envs"),
  ECS_CONTAINER("nodeProperties.nodeRangeProperties[*].container"),
  ECS_CONTAINER("nodeProperties.nodeRangeProperties[*].ecsProperties.taskProperties[*].containers[*]"),
  // Inside the JSON document the Batch API's own names apply (command, env), not the SDK's (commands, envs).
  EKS_POD("nodeProperties.nodeRangeProperties[*].eksProperties.podProperties", "command", "env"),
);

/**
 * awsx v2 ECS components take one `container` or a map of `containers`, as plain objects (not JSON). Each is a remote
 * component: a real preview registers the component without these inputs and the task definition it builds with them
 * (see docs/coverage.md, "Components").
 */
const AWSX_TASK = (args: string) => merge(ECS_CONTAINER(`${args}container`), ECS_CONTAINER(`${args}containers.*`));

const USER_DATA: ReadonlyArray<{ type: string; paths: string[] }> = [
  { type: "aws:ec2/instance:Instance", paths: ["userData", "userDataBase64"] },
  { type: "aws:ec2/launchTemplate:LaunchTemplate", paths: ["userData"] },
  { type: "aws:ec2/launchConfiguration:LaunchConfiguration", paths: ["userData", "userDataBase64"] },
  { type: "aws:ec2/spotInstanceRequest:SpotInstanceRequest", paths: ["userData", "userDataBase64"] },
  { type: "aws:ec2/spotFleetRequest:SpotFleetRequest", paths: ["launchSpecifications[*].userData"] },
  { type: "aws-native:ec2:Instance", paths: ["userData"] },
  { type: "aws-native:ec2:LaunchTemplate", paths: ["launchTemplateData.userData"] },
  { type: "eks:index:Cluster", paths: ["nodeUserData", "nodeGroupOptions.nodeUserData", "nodeGroupOptions.nodeUserDataOverride"] },
  { type: "eks:index:NodeGroup", paths: ["nodeUserData", "nodeUserDataOverride"] },
  { type: "eks:index:NodeGroupV2", paths: ["nodeUserData", "nodeUserDataOverride"] },
  { type: "eks:index:ManagedNodeGroup", paths: ["userData"] },
];

export const AWS_SOURCES: ImageSource[] = [
  { type: "aws:ecs/taskDefinition:TaskDefinition", json: ["containerDefinitions"], ...ECS_CONTAINER("containerDefinitions[*]") },
  { type: "aws-native:ecs:TaskDefinition", ...ECS_CONTAINER("containerDefinitions[*]") },
  { type: "aws:lambda/function:Function", images: ["imageUri"], text: ["environment.variables"] },
  { type: "aws-native:lambda:Function", images: ["code.imageUri"], text: ["environment.variables"] },
  {
    type: "aws:apprunner/service:Service",
    images: ["sourceConfiguration.imageRepository.imageIdentifier"],
    text: [
      "sourceConfiguration.imageRepository.imageConfiguration.startCommand",
      "sourceConfiguration.imageRepository.imageConfiguration.runtimeEnvironmentVariables",
    ],
  },
  { type: "aws:batch/jobDefinition:JobDefinition", json: ["containerProperties", "ecsProperties", "nodeProperties"], ...BATCH },
  {
    type: "aws:sagemaker/model:Model",
    images: ["primaryContainer.image", "containers[*].image"],
    text: ["primaryContainer.environment", "containers[*].environment"],
  },
  { type: "aws:codebuild/project:Project", images: ["environment.image"], text: ["environment.environmentVariables[*].value"] },
  {
    type: "aws:imagebuilder/containerRecipe:ContainerRecipe",
    custom: { paths: ["parentImage", "dockerfileTemplateData (FROM lines)"], read: readContainerRecipe },
  },
  {
    type: "aws:lightsail/containerServiceDeploymentVersion:ContainerServiceDeploymentVersion",
    text: ["containers[*].commands", "containers[*].environment"],
    custom: { paths: ["containers[*].image"], read: readLightsailImages },
  },
  { type: "awsx:ecs:FargateService", ...AWSX_TASK("taskDefinitionArgs.") },
  { type: "awsx:ecs:EC2Service", ...AWSX_TASK("taskDefinitionArgs.") },
  { type: "awsx:ecs:FargateTaskDefinition", ...AWSX_TASK("") },
  { type: "awsx:ecs:EC2TaskDefinition", ...AWSX_TASK("") },
  ...USER_DATA.map(({ type, paths }) => ({ type, userData: paths })),
];

/** A container recipe's parent is an Image Builder image ARN or a registry image; its Dockerfile template may name more. */
function readContainerRecipe(props: Record<string, unknown>, limits: ScanLimits): Found {
  const items: Extracted[] = [];
  for (const located of valuesAt(props, "parentImage")) {
    const item =
      located.state === "known" && typeof located.value === "string" && located.value.trim().startsWith("arn:")
        ? classifyMachineImage(located.path, located.value)
        : classifyImage(located);
    if (item) items.push(item);
  }
  const template = props.dockerfileTemplateData;
  if (typeof template === "string") {
    for (const base of firstOfEachImage(
      baseImages(limits.dockerfile("dockerfileTemplateData", limits.text("dockerfileTemplateData", template)), () => undefined),
    )) {
      // `{{{ imagebuilder:parentImage }}}` stands for parentImage, read above.
      if ("image" in base && !base.image.startsWith("{{")) {
        const item = classifyImageText("dockerfileTemplateData", base.image, "container-image", `FROM on line ${base.line} of the Dockerfile template`);
        if (item) items.push(item);
      }
    }
  }
  return { items, consumed: ["parentImage", "dockerfileTemplateData"] };
}

/** `:<service>.<label>.<version>` names an image pushed to the container service itself, not a registry. */
function readLightsailImages(props: Record<string, unknown>): Found {
  const located = valuesAt(props, "containers[*].image");
  const items = located
    .filter((l) => !(l.state === "known" && typeof l.value === "string" && l.value.trim().startsWith(":")))
    .map((l) => classifyImage(l))
    .filter((e): e is Extracted => e !== undefined);
  return { items, consumed: located.map((l) => l.path) };
}
