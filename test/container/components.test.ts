import { UNKNOWN } from "../../src/harness/wireValues";
import { ofPolicy, resource } from "../support/pack";
import { exampleVendor } from "../support/settings";
import { DENY_DATE, KCS_IMAGE, POLICY, dockerHubVendor, levels, properties, useContainerPack } from "./support";

const { pack, configure, analyze } = useContainerPack();

beforeEach(() => configure());

const HUB_IMAGE = "examplevendor/redis-hardened:7.2";

/**
 * awsx v2 and eks are remote components. Under mocks (the pack's `preview` command) only the component is registered,
 * with the program's inputs; in a real preview the provider registers the component without them and registers the
 * resources it builds, which carry the same references.
 */
describe("awsx v2 ECS components, as registered under mocks", () => {
  const container = (image: unknown) => ({ name: "cache", image, cpu: 256, memory: 512, essential: true, portMappings: [{ containerPort: 6379 }] });

  it.each([
    ["awsx:ecs:FargateService", { assignPublicIp: true, taskDefinitionArgs: { container: container(HUB_IMAGE) } }, "taskDefinitionArgs.container.image"],
    ["awsx:ecs:EC2Service", { desiredCount: 1, taskDefinitionArgs: { container: container(HUB_IMAGE) } }, "taskDefinitionArgs.container.image"],
    ["awsx:ecs:FargateTaskDefinition", { container: container(HUB_IMAGE) }, "container.image"],
    ["awsx:ecs:EC2TaskDefinition", { networkMode: "bridge", container: container(HUB_IMAGE) }, "container.image"],
  ])("blocks a bare Docker Hub image in %s", async (type, props, property) => {
    const diagnostics = await analyze(type, props);
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual([property]);
  });

  it("reads every container of the containers map, by its name", async () => {
    const props = { taskDefinitionArgs: { containers: { web: container("nginx:1.27"), cache: container(HUB_IMAGE) } } };
    expect(properties(await analyze("awsx:ecs:FargateService", props))).toEqual(["taskDefinitionArgs.containers.cache.image"]);
  });

  it("leaves the same service with an unrestricted image alone", async () => {
    expect(await analyze("awsx:ecs:FargateService", { taskDefinitionArgs: { container: container("redis:7.2") } })).toEqual([]);
  });

  it("finds a pull command in a container's command", async () => {
    const props = { taskDefinitionArgs: { container: { ...container("docker:27"), command: ["sh", "-c", `docker pull ${KCS_IMAGE}`] } } };
    expect(properties(await analyze("awsx:ecs:FargateService", props))).toEqual(["taskDefinitionArgs.container.command[2]"]);
  });

  it("reports an image that is unknown during preview (an awsx.ecr.Image built by the stack) as not checked", async () => {
    const [diagnostic, ...rest] = await analyze("awsx:ecs:FargateService", { taskDefinitionArgs: { container: container(UNKNOWN) } });
    expect(rest).toEqual([]);
    expect(properties([diagnostic])).toEqual(["taskDefinitionArgs.container.image"]);
    expect(diagnostic.message).toMatch(/^Could not check/);
  });
});

describe("awsx components in a real preview: each reference reported once", () => {
  const taskDefinition = (image: string) => ({ family: "svc", containerDefinitions: JSON.stringify([{ name: "cache", image, essential: true }]) });

  it("reports the image on the task definition the awsx v2 provider registers, not on the component it registers without inputs", async () => {
    const component = await analyze("awsx:ecs:FargateService", {}, "svc");
    const child = await analyze("aws:ecs/taskDefinition:TaskDefinition", taskDefinition(HUB_IMAGE), "svc");
    expect([...component, ...child].map((d) => properties([d])[0])).toEqual(["containerDefinitions[0].image"]);
  });

  it("reports the image of an awsx classic service on its task definition: classic components register no inputs", async () => {
    const component = await analyze("awsx:x:ecs:FargateService", {}, "svc");
    const child = await analyze("aws:ecs/taskDefinition:TaskDefinition", taskDefinition(HUB_IMAGE), "svc");
    expect(component).toEqual([]);
    expect(properties(child)).toEqual(["containerDefinitions[0].image"]);
  });
});

describe("eks components", () => {
  const AMI_POLICY = "restricted-vendor-ami";
  const RESTRICTED_AMI = "ami-0aaaaaaaaaaaaaaaa";
  const analyzeAmi = async (type: string, props: Record<string, unknown>, name = "cluster") => {
    await pack().configure({ [AMI_POLICY]: { enforcementLevel: "mandatory", asOf: "2025-03-01", additionalVendors: [exampleVendor] } });
    return ofPolicy(await pack().analyze(resource(type, name, props)), AMI_POLICY);
  };

  it.each([
    ["eks:index:Cluster", { instanceType: "t3.medium", desiredCapacity: 2, nodeAmiId: RESTRICTED_AMI }, "nodeAmiId"],
    ["eks:index:Cluster", { skipDefaultNodeGroup: false, nodeGroupOptions: { amiId: RESTRICTED_AMI, instanceType: "t3.medium" } }, "nodeGroupOptions.amiId"],
    ["eks:index:NodeGroup", { cluster: "urn:pulumi:dev::example::eks:index:Cluster::cluster", amiId: RESTRICTED_AMI }, "amiId"],
    ["eks:index:NodeGroupV2", { cluster: "urn:pulumi:dev::example::eks:index:Cluster::cluster", amiId: RESTRICTED_AMI }, "amiId"],
    ["eks:index:ManagedNodeGroup", { cluster: "urn:pulumi:dev::example::eks:index:Cluster::cluster", amiId: RESTRICTED_AMI }, "amiId"],
  ])("blocks a restricted AMI in %s (%#)", async (type, props, property) => {
    const diagnostics = await analyzeAmi(type, props);
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual([property]);
  });

  it("reports a node AMI that is unknown during preview (looked up by the program) as not checked", async () => {
    const [diagnostic, ...rest] = await analyzeAmi("eks:index:NodeGroupV2", { cluster: "urn:pulumi:dev::example::eks:index:Cluster::cluster", amiId: UNKNOWN });
    expect(rest).toEqual([]);
    expect(properties([diagnostic])).toEqual(["amiId"]);
    expect(diagnostic.message).toMatch(/^Could not check/);
  });

  it("leaves a cluster on the default EKS-optimized AMI (no nodeAmiId) alone", async () => {
    expect(await analyzeAmi("eks:index:Cluster", { instanceType: "t3.medium", desiredCapacity: 2 })).toEqual([]);
  });

  it("reports the AMI on the launch template the eks provider registers in a real preview, not on the component", async () => {
    const component = await analyzeAmi("eks:index:NodeGroupV2", {}, "workers");
    const child = await analyzeAmi("aws:ec2/launchTemplate:LaunchTemplate", { imageId: RESTRICTED_AMI, instanceType: "t3.medium" }, "workers-launchTemplate");
    expect([...component, ...child].map((d) => properties([d])[0])).toEqual(["imageId"]);
  });

  it("finds a pull command in a node group's user data", async () => {
    await pack().configure({ [POLICY]: { enforcementLevel: "mandatory", asOf: DENY_DATE, additionalVendors: [dockerHubVendor] } });
    const nodeUserData = "#!/bin/bash\ndocker pull examplevendor/node-agent:3\n";
    expect(properties(await analyze("eks:index:NodeGroupV2", { cluster: "urn:pulumi:dev::example::eks:index:Cluster::cluster", nodeUserData }))).toEqual([
      "nodeUserData",
    ]);
  });
});
