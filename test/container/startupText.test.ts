import { levels, properties, useContainerPack } from "./support";

const { configure, analyze } = useContainerPack();

beforeEach(() => configure());

const RESTRICTED = "examplevendor/agent:1";
const UNRESTRICTED = "nginx:1.27";

const b64 = (text: string) => Buffer.from(text).toString("base64");

/** Each way an engineer writes the image into a boot script, as a function of the image. */
const SCRIPTS: Array<[string, (image: string) => string]> = [
  ["a shell variable", (image) => `#!/bin/bash\nIMG=${image}\ndocker run -d $IMG\n`],
  ["an exported variable used in braces and quotes", (image) => `#!/bin/bash\nexport AGENT_IMAGE=${image}\ndocker run -d "\${AGENT_IMAGE}"\n`],
  ["a variable with a default", (image) => `#!/bin/bash\ndocker run -d "\${AGENT_IMAGE:-${image}}"\n`],
  [
    "a variable built from other variables",
    (image) => `#!/bin/bash\nREPO=${image.split(":")[0]}\nTAG=${image.split(":")[1]}\nIMG="$REPO:$TAG"\ndocker pull "$IMG"\n`,
  ],
  [
    "an env file written and sourced",
    (image) => `#!/bin/bash\ncat > /etc/agent.env <<'EOF'\nAGENT_IMAGE=${image}\nEOF\n. /etc/agent.env\ndocker run -d "$AGENT_IMAGE"\n`,
  ],
  [
    "an env file written by echo and sourced",
    (image) => `#!/bin/bash\necho "AGENT_IMAGE=${image}" >> /etc/agent.env\nsource /etc/agent.env\ndocker run -d $AGENT_IMAGE\n`,
  ],
  [
    "a compose file written by a heredoc",
    (image) =>
      `#!/bin/bash\ncat > /opt/agent/compose.yaml <<'EOF'\nservices:\n  agent:\n    image: ${image}\n    restart: always\nEOF\ndocker compose -f /opt/agent/compose.yaml up -d\n`,
  ],
  [
    "a compose file interpolating a variable",
    (image) =>
      `#!/bin/bash\nexport AGENT_IMAGE=${image}\ncat > compose.yaml <<EOF\nservices:\n  agent:\n    image: \${AGENT_IMAGE}\nEOF\ndocker compose up -d\n`,
  ],
  [
    "a manifest piped to kubectl apply",
    (image) =>
      `#!/bin/bash\nkubectl apply -f - <<EOF\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      containers:\n        - name: agent\n          image: ${image}\nEOF\n`,
  ],
  [
    "a multi-document manifest with a CronJob",
    (image) =>
      `#!/bin/bash\ncat <<-'YAML' | kubectl apply -f -\n\tapiVersion: v1\n\tkind: Namespace\n\tmetadata: {name: agent}\n\t---\n\tapiVersion: batch/v1\n\tkind: CronJob\n\tmetadata: {name: scan}\n\tspec:\n\t  schedule: "0 * * * *"\n\t  jobTemplate:\n\t    spec:\n\t      template:\n\t        spec:\n\t          containers: [{name: scan, image: "${image}"}]\n\tYAML\n`,
  ],
  [
    "a systemd unit written by a heredoc",
    (image) =>
      `#!/bin/bash\ncat > /etc/systemd/system/agent.service <<'EOF'\n[Service]\nExecStartPre=-docker pull ${image}\nExecStart=docker run --rm --name agent ${image}\nEOF\nsystemctl enable --now agent\n`,
  ],
  [
    "a systemd unit with Environment=",
    (image) =>
      `#!/bin/bash\ncat > /etc/systemd/system/agent.service <<'EOF'\n[Service]\nEnvironment="IMG=${image}"\nExecStart=/usr/bin/docker run --rm \${IMG}\nEOF\n`,
  ],
  [
    "helm --set image.repository and image.tag",
    (image) => `#!/bin/bash\nhelm install agent ./charts/agent --set image.repository=${image.split(":")[0]} --set image.tag=${image.split(":")[1]}\n`,
  ],
  [
    "helm --set-string with several values",
    (image) =>
      `#!/bin/bash\nhelm upgrade --install agent oci://ghcr.io/acme/charts/agent --set-string image.repository=${image.split(":")[0]},image.tag=${image.split(":")[1]}\n`,
  ],
  ["helm --set image= a whole reference", (image) => `#!/bin/bash\nhelm template agent ./chart --set agent.image=${image} | kubectl apply -f -\n`],
  ["kubectl set image", (image) => `#!/bin/bash\nkubectl set image deployment/agent agent=${image}\n`],
  ["kubectl run --image", (image) => `#!/bin/bash\nkubectl run agent --image=${image} --restart=Never\n`],
  ["a cloud-config runcmd entry as a nested block list", (image) => `#cloud-config\nruncmd:\n  - - docker\n    - run\n    - -d\n    - ${image}\n`],
  ["a cloud-config runcmd entry as a flow list", (image) => `#cloud-config\nruncmd:\n  - [docker, run, -d, "${image}"]\n`],
  ["a cloud-config runcmd block scalar", (image) => `#cloud-config\nruncmd:\n  - |\n    IMG=${image}\n    docker run -d "$IMG"\n`],
  ["a cloud-config bootcmd entry", (image) => `#cloud-config\nbootcmd:\n  - [ctr, images, pull, "docker.io/${image}"]\n`],
  [
    "a compose file in cloud-config write_files",
    (image) =>
      `#cloud-config\nwrite_files:\n  - path: /opt/agent/compose.yaml\n    content: |\n      services:\n        agent:\n          image: ${image}\nruncmd:\n  - [docker, compose, -f, /opt/agent/compose.yaml, up, -d]\n`,
  ],
  [
    "a base64 env file in cloud-config write_files",
    (image) =>
      `#cloud-config\nwrite_files:\n  - path: /etc/agent.env\n    encoding: b64\n    content: ${b64(`AGENT_IMAGE=${image}\n`)}\nruncmd:\n  - . /etc/agent.env && docker run -d "$AGENT_IMAGE"\n`,
  ],
  ["a PowerShell block", (image) => `<powershell>\ndocker run -d ${image}\n</powershell>\n`],
  [
    "a PowerShell variable and line continuation",
    (image) => `<powershell>\n$image = "${image}"\ndocker run -d \`\n  --name agent \`\n  $image\n</powershell>\n<persist>true</persist>\n`,
  ],
  ["a PowerShell environment variable", (image) => `<powershell>\n$env:AGENT_IMAGE = '${image}'\ndocker pull $env:AGENT_IMAGE\n</powershell>\n`],
];

const instance = (userData: string) => analyze("aws:ec2/instance:Instance", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro", userData });

describe("EC2 user data read as a shell and cloud-init read it", () => {
  it.each(SCRIPTS)("blocks a restricted image in %s", async (_form, script) => {
    const diagnostics = await instance(script(RESTRICTED));
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual(["userData"]);
  });

  it.each(SCRIPTS)("leaves an unrestricted image in %s alone", async (_form, script) => {
    expect(await instance(script(UNRESTRICTED))).toEqual([]);
  });
});

describe("the same forms in every startup-text carrier", () => {
  const script = SCRIPTS[0][1];
  const carriers: Array<[string, (image: string) => [string, Record<string, unknown>]]> = [
    [
      "an EC2 launch template (base64)",
      (image) => ["aws:ec2/launchTemplate:LaunchTemplate", { imageId: "ami-0123456789abcdef0", userData: b64(script(image)) }],
    ],
    [
      "a GCP startup script",
      (image) => ["gcp:compute/instance:Instance", { machineType: "e2-small", zone: "europe-west1-b", metadataStartupScript: script(image) }],
    ],
    [
      "a GCP startup-script metadata key",
      (image) => ["gcp:compute/instanceTemplate:InstanceTemplate", { machineType: "e2-small", metadata: { "startup-script": script(image) } }],
    ],
    [
      "GCP cloud-init user-data metadata",
      (image) => [
        "gcp:compute/instance:Instance",
        { machineType: "e2-small", metadata: { "user-data": `#cloud-config\nruncmd:\n  - - docker\n    - run\n    - ${image}\n` } },
      ],
    ],
    [
      "Azure custom data (base64)",
      (image) => ["azure-native:compute:VirtualMachine", { osProfile: { computerName: "vm", adminUsername: "azureuser", customData: b64(script(image)) } }],
    ],
    [
      "Azure classic custom data",
      (image) => ["azure:compute/linuxVirtualMachine:LinuxVirtualMachine", { size: "Standard_B1s", customData: b64(script(image)) }],
    ],
    [
      "an Azure Custom Script extension command",
      (image) => [
        "azure-native:compute:VirtualMachineExtension",
        { publisher: "Microsoft.Azure.Extensions", type: "CustomScript", settings: { commandToExecute: `IMG=${image}; docker run -d $IMG` } },
      ],
    ],
    [
      "a classic Custom Script extension's JSON settings",
      (image) => [
        "azure:compute/virtualMachineExtension:VirtualMachineExtension",
        { publisher: "Microsoft.Azure.Extensions", type: "CustomScript", settings: JSON.stringify({ script: b64(script(image)) }) },
      ],
    ],
    [
      "a Kubernetes container command",
      (image) => [
        "kubernetes:core/v1:Pod",
        { spec: { containers: [{ name: "c", image: "docker:27", command: ["sh", "-c", `IMG=${image}; docker run $IMG`] }] } },
      ],
    ],
    [
      "an ECS container command",
      (image) => [
        "aws:ecs/taskDefinition:TaskDefinition",
        {
          family: "app",
          containerDefinitions: JSON.stringify([{ name: "a", image: "docker:27", command: ["sh", "-c", `IMG=${image} && docker run "$IMG"`] }]),
        },
      ],
    ],
  ];

  it.each(carriers)("blocks a restricted image in %s", async (_carrier, build) => {
    const [type, props] = build(RESTRICTED);
    expect(levels(await analyze(type, props))).toEqual(["mandatory"]);
  });

  it.each(carriers)("leaves an unrestricted image in %s alone", async (_carrier, build) => {
    const [type, props] = build(UNRESTRICTED);
    expect(await analyze(type, props)).toEqual([]);
  });
});

describe("a vendor merely mentioned is not a use of its image", () => {
  it.each([
    ["a comment", `#!/bin/bash\n# we used to run ${RESTRICTED} here\ndocker run -d ${UNRESTRICTED}\n`],
    ["an echo", `#!/bin/bash\necho "replaced ${RESTRICTED} by ${UNRESTRICTED}"\n`],
    ["an assignment that is never used", `#!/bin/bash\nOLD_IMAGE=${RESTRICTED}\ndocker run -d ${UNRESTRICTED}\n`],
    ["a variable used by no pulling command", `#!/bin/bash\nIMG=${RESTRICTED}\necho "$IMG is not used any more"\n`],
    [
      "a description in a compose file",
      `#!/bin/bash\ncat > compose.yaml <<'EOF'\nservices:\n  agent:\n    image: ${UNRESTRICTED}\n    labels:\n      description: "replaces ${RESTRICTED}"\nEOF\n`,
    ],
    ["a comment in a cloud-config", `#cloud-config\n# ${RESTRICTED} is not run any more\nruncmd:\n  - [docker, run, ${UNRESTRICTED}]\n`],
    ["a helm value that is not an image", `#!/bin/bash\nhelm install agent ./chart --set description=${RESTRICTED}\n`],
  ])("%s", async (_case, script) => {
    expect(await instance(script)).toEqual([]);
  });
});
