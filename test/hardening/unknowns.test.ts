import { UNKNOWN, secret } from "../../src/harness/wireValues";
import { properties, useHardeningPack } from "./support";

const { configure, analyze } = useHardeningPack();

const pod = (spec: unknown) => ({ spec: { template: { spec } } });

/** Partially known resources as a preview sends them: an unknown at some depth on the way to an image or AMI. */
const IMAGE_SHAPES: Array<[string, string, Record<string, unknown>, string]> = [
  ["a whole pod template", "kubernetes:apps/v1:Deployment", { spec: { template: UNKNOWN } }, "spec.template"],
  ["one container of several", "kubernetes:apps/v1:Deployment", pod({ containers: [{ image: "nginx:1.27" }, UNKNOWN] }), "spec.template.spec.containers[1]"],
  [
    "an init container's image",
    "kubernetes:apps/v1:StatefulSet",
    pod({ containers: [{ image: "nginx:1.27" }], initContainers: [{ image: UNKNOWN }] }),
    "spec.template.spec.initContainers[0].image",
  ],
  ["a CronJob's job template", "kubernetes:batch/v1:CronJob", { spec: { jobTemplate: UNKNOWN } }, "spec.jobTemplate"],
  [
    "a container definition object (aws-native)",
    "aws-native:ecs:TaskDefinition",
    { containerDefinitions: [{ name: "a", image: UNKNOWN }] },
    "containerDefinitions[0].image",
  ],
  [
    "a Batch EKS pod container",
    "aws:batch/jobDefinition:JobDefinition",
    { type: "container", eksProperties: { podProperties: { containers: [UNKNOWN] } } },
    "eksProperties.podProperties.containers[0]",
  ],
  ["the whole Helm values map", "kubernetes:helm.sh/v3:Release", { chart: "nginx", values: UNKNOWN }, "values"],
  [
    "a chart's registry setting",
    "kubernetes:helm.sh/v3:Release",
    { chart: "nginx", values: { global: { imageRegistry: UNKNOWN } } },
    "values.global.imageRegistry",
  ],
  [
    "one part of a composed chart image",
    "kubernetes:helm.sh/v3:Release",
    { chart: "nginx", values: { image: { registry: "docker.io", repository: "nginx", tag: UNKNOWN } } },
    "values.image.tag",
  ],
  ["a Docker build argument map", "docker-build:index:Image", { dockerfile: { inline: "ARG BASE\nFROM ${BASE}" }, buildArgs: UNKNOWN }, "buildArgs.BASE"],
];

const AMI_SHAPES: Array<[string, string, Record<string, unknown>, string]> = [
  [
    "one spot fleet launch specification",
    "aws:ec2/spotFleetRequest:SpotFleetRequest",
    { launchSpecifications: [{ ami: "ami-0123456789abcdef0" }, UNKNOWN] },
    "launchSpecifications[1]",
  ],
  [
    "a Batch compute environment's resources",
    "aws:batch/computeEnvironment:ComputeEnvironment",
    { type: "MANAGED", computeResources: UNKNOWN },
    "computeResources",
  ],
  ["an AMI sent as a secret", "aws:ec2/instance:Instance", { ami: secret(UNKNOWN) }, "ami"],
  ["a launch template's data (aws-native)", "aws-native:ec2:LaunchTemplate", { launchTemplateData: { imageId: UNKNOWN } }, "launchTemplateData.imageId"],
];

describe("unknown values nested anywhere on the way to a modelled image or AMI", () => {
  describe("during a deny window: mandatory, naming where knowledge stops", () => {
    beforeAll(() => configure());

    it.each([...IMAGE_SHAPES, ...AMI_SHAPES])("%s", async (_case, type, props, path) => {
      const diagnostics = await analyze(type, props);
      expect(diagnostics.map((d) => [d.enforcementLevel, d.message.split("\n")[0].slice(0, 15)])).toEqual([["mandatory", "Could not check"]]);
      expect(properties(diagnostics)).toEqual([path]);
    });
  });

  describe("during Kaspersky's warn window only: advisory", () => {
    beforeAll(() => configure({ asOf: "2024-07-01", disabledVendors: ["example-vendor"] }));

    it.each(IMAGE_SHAPES)("%s", async (_case, type, props) => {
      expect((await analyze(type, props)).map((d) => d.enforcementLevel)).toEqual(["advisory"]);
    });
  });

  describe("before any window: nothing to say", () => {
    beforeAll(() => configure({ asOf: "2023-06-01" }));

    it.each([...IMAGE_SHAPES, ...AMI_SHAPES])("%s", async (_case, type, props) => {
      expect(await analyze(type, props)).toEqual([]);
    });
  });
});

describe("unknown text is not an unknown image: it does not fail closed", () => {
  beforeAll(() => configure());

  it.each([
    ["an environment value", "kubernetes:apps/v1:Deployment", pod({ containers: [{ image: "nginx:1.27", env: [{ name: "T", value: UNKNOWN }] }] })],
    ["a command", "kubernetes:apps/v1:Deployment", pod({ containers: [{ image: "nginx:1.27", command: UNKNOWN, args: [UNKNOWN] }] })],
    ["user data", "aws:ec2/instance:Instance", { ami: "ami-0123456789abcdef0", userData: UNKNOWN, userDataBase64: secret(UNKNOWN) }],
    ["Lambda environment variables", "aws:lambda/function:Function", { packageType: "Zip", environment: { variables: UNKNOWN } }],
    ["properties of a type no policy models", "example:index:Thing", { a: UNKNOWN, b: { c: [UNKNOWN, { d: UNKNOWN }] } }],
  ])("%s", async (_case, type, props) => {
    expect(await analyze(type, props)).toEqual([]);
  });
});
