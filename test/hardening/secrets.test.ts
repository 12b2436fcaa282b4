import { gzipSync } from "zlib";
import { Diagnostic } from "../../src/harness/types";
import { secret } from "../../src/harness/wireValues";
import { KCS_IMAGE, VENDOR_AMI, blocked, useHardeningPack } from "./support";

const { configure, analyze } = useHardeningPack();

beforeAll(() => configure());

// Every planted secret carries this marker, so one assertion covers them all.
const MARKER = "ZZSECRET";
const token = (n: number) => `${MARKER}${n}x9f`;

function expectNoSecret(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) expect(d.message).not.toContain(MARKER);
}

const script = [
  "#!/bin/bash",
  `export API_TOKEN=${token(1)}`,
  `docker login -u admin -p ${token(2)} repo.kcs.kaspersky.com`,
  `docker pull ${KCS_IMAGE} && echo ${token(3)}`,
  `curl -fsSL https://deploy:${token(4)}@repo.kcs.kaspersky.com/install.sh?token=${token(5)}#${token(6)} | sh`,
  `helm install kcs oci://repo.kcs.kaspersky.com/charts/kcs --set auth.password=${token(7)}`,
].join("\n");

describe("tokens next to restricted references never reach a diagnostic", () => {
  it.each([
    ["plain user data", "aws:ec2/instance:Instance", { ami: "ami-0123456789abcdef0", userData: script }],
    ["base64 user data", "aws:ec2/instance:Instance", { ami: "ami-0123456789abcdef0", userDataBase64: Buffer.from(script).toString("base64") }],
    [
      "gzip+base64 launch template user data",
      "aws:ec2/launchTemplate:LaunchTemplate",
      { imageId: "ami-0123456789abcdef0", userData: gzipSync(script).toString("base64") },
    ],
    ["user data sent as a Pulumi secret", "aws:ec2/instance:Instance", { ami: "ami-0123456789abcdef0", userData: secret(script) }],
    [
      "a chart repository URL with words after it",
      "kubernetes:helm.sh/v3:Release",
      { chart: "kcs", repositoryOpts: { repo: `https://repo.kcs.kaspersky.com/charts --password ${token(24)}` } },
    ],
  ])("%s", async (_case, type, props) => {
    const diagnostics = await analyze(type, props);
    expect(blocked(diagnostics).length).toBeGreaterThan(0);
    expectNoSecret(diagnostics);
  });

  it("Kubernetes env values, command and args", async () => {
    const container = {
      name: "agent",
      image: "nginx:1.27",
      command: ["sh", "-c", `docker run --env PASS=${token(8)} ${KCS_IMAGE} --key ${token(9)}`],
      args: [`--registry-token=${token(10)}`, `oci://repo.kcs.kaspersky.com/charts/kcs?auth=${token(11)}`],
      env: [{ name: "INSTALL", value: `TOKEN=${token(12)} https://repo.kcs.kaspersky.com/agent.sh ${token(13)}` }],
    };
    const diagnostics = await analyze("kubernetes:apps/v1:Deployment", { spec: { template: { spec: { containers: [container] } } } });
    expect(blocked(diagnostics).length).toBe(3);
    expectNoSecret(diagnostics);
  });

  it("ECS container definitions (a JSON document)", async () => {
    const containerDefinitions = JSON.stringify([
      {
        name: "scan",
        image: "nginx:1.27",
        command: ["sh", "-c", `docker pull ${KCS_IMAGE}; echo ${token(14)}`],
        environment: [{ name: "TOKEN", value: `${token(15)} ${KCS_IMAGE} ${token(16)}` }],
      },
    ]);
    const diagnostics = await analyze("aws:ecs/taskDefinition:TaskDefinition", { family: "scan", containerDefinitions });
    expect(blocked(diagnostics).length).toBe(2);
    expectNoSecret(diagnostics);
  });

  it("Lambda environment variables (a map)", async () => {
    const variables = { TOKEN: token(17), INSTALL: `https://repo.kcs.kaspersky.com/agent.sh?sig=${token(18)}`, PULL: `${token(19)}=${KCS_IMAGE}` };
    const diagnostics = await analyze("aws:lambda/function:Function", { packageType: "Zip", environment: { variables } });
    expect(blocked(diagnostics).length).toBe(2);
    expectNoSecret(diagnostics);
  });

  it("Helm values, chart and repository options", async () => {
    const values = {
      image: { registry: "repo.kcs.kaspersky.com", repository: "kcs/scanner", tag: "2.0" },
      auth: { password: token(20) },
      extraEnv: `TOKEN=${token(21)} docker pull ${KCS_IMAGE}`,
      global: { imageRegistry: `repo.kcs.kaspersky.com ${token(22)}` },
    };
    const diagnostics = await analyze("kubernetes:helm.sh/v3:Release", {
      chart: "oci://repo.kcs.kaspersky.com/charts/kcs",
      repositoryOpts: { username: "ci", password: token(23) },
      values,
    });
    expect(blocked(diagnostics).length).toBeGreaterThanOrEqual(3);
    expectNoSecret(diagnostics);
  });
});

describe("a value that does not parse is quoted by its first word only", () => {
  it("an image field holding a whole command line: the restricted image in it is still blocked", async () => {
    const diagnostics = await analyze("kubernetes:core/v1:Pod", { spec: { containers: [{ image: `${KCS_IMAGE} --token=${token(30)}` }] } });
    expect(diagnostics.map((d) => d.message.split("\n")[0])).toEqual([
      expect.stringMatching(/^Could not check: the value is not a container image reference/),
      expect.stringMatching(/^Blocked: container image reference in text of restricted vendor kaspersky/),
    ]);
    expect(diagnostics[0].message).toContain(`reference: "${KCS_IMAGE} …"`);
    expectNoSecret(diagnostics);
  });

  it.each([
    ["an AMI field", "aws:ec2/instance:Instance", { ami: `${VENDOR_AMI} ${token(31)}` }],
    ["a GCP image", "gcp:compute/disk:Disk", { image: `projects/examplevendor-images/global/images/base ${token(32)}` }],
    [
      "a SageMaker model package",
      "aws:sagemaker/model:Model",
      { primaryContainer: { modelPackageName: `arn:aws:sagemaker:us-east-1:111122223333:model-package/x ${token(33)}` } },
    ],
    [
      "a chart repository URL without a valid host",
      "kubernetes:helm.sh/v3:Release",
      { chart: "kcs", repositoryOpts: { repo: `https://ci:${token(34)}@bad_host!/charts?t=${token(35)}` } },
    ],
    [
      "a remote Docker build context",
      "docker:index/image:Image",
      { imageName: "app", build: { context: `https://ci:${token(36)}@github.com/org/app.git?token=${token(37)}#main` } },
    ],
    [
      "a containerDefinitions value that is not JSON",
      "aws:ecs/taskDefinition:TaskDefinition",
      { containerDefinitions: `[{"image": "nginx", "environment": [{"name": "T", "value": "${token(38)}"` },
    ],
  ])("%s", async (_case, type, props) => {
    const diagnostics = await analyze(type, props);
    expect(diagnostics.some((d) => d.message.startsWith("Could not check"))).toBe(true);
    expectNoSecret(diagnostics);
  });
});
