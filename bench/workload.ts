import type { AnalyzedProvider, AnalyzedResource } from "../src/harness/types";
import { UNKNOWN, secret, urnFor } from "../src/harness/wireValues";
import { Random } from "./random";
import {
  KASPERSKY_REGISTRY,
  OWN_ACCOUNT,
  TEST_VENDOR_PUBLISHER,
  TEST_VENDOR_REGISTRY,
  benignMarketplaceAmis,
  inventory,
  testVendorAmis,
  vendorMarketplaceAmis,
} from "./testData";

/** Share of resources that reference a restricted vendor (issue 6: "about 5%"). */
const RESTRICTED_SHARE = 0.05;
/** Share of image references whose value is unknown during preview (e.g. an ECR repository created in the same stack). */
const UNKNOWN_SHARE = 0.01;

export interface Workload {
  resources: AnalyzedResource[];
  /** How many resources reference a restricted vendor, have an image unknown during preview, and are of each kind. */
  restricted: number;
  unknown: number;
  byKind: Record<string, number>;
}

/** The generator's draws, remembering whether the resource being built drew an unknown image. */
class Draws extends Random {
  drewUnknown = false;

  unknownImage(): boolean {
    if (!this.chance(UNKNOWN_SHARE)) return false;
    this.drewUnknown = true;
    return true;
  }
}

type Make = (r: Draws, name: string, restricted: boolean) => AnalyzedResource;

interface Kind {
  label: string;
  share: number;
  /** Unrelated resources cannot reference a vendor. */
  canReference: boolean;
  make: Make;
}

const awsProvider: AnalyzedProvider = {
  type: "pulumi:providers:aws",
  name: "default_7_48_0",
  urn: urnFor("pulumi:providers:aws", "default_7_48_0"),
  properties: { region: "us-east-1", version: "7.48.0", skipCredentialsValidation: "false" },
};
const k8sProvider: AnalyzedProvider = {
  type: "pulumi:providers:kubernetes",
  name: "cluster",
  urn: urnFor("pulumi:providers:kubernetes", "cluster"),
  properties: { kubeconfig: secret("apiVersion: v1\nkind: Config\n# bench kubeconfig"), namespace: "apps", version: "4.18.0" },
};
const azureProvider: AnalyzedProvider = {
  type: "pulumi:providers:azure-native",
  name: "default_2_0_0",
  urn: urnFor("pulumi:providers:azure-native", "default_2_0_0"),
  properties: { location: "westeurope", subscriptionId: "00000000-0000-0000-0000-000000000000", version: "2.0.0" },
};

/** A resource as the engine sends it, its URN derived from its type and name. */
function resourceOf(type: string, name: string, provider: AnalyzedProvider | undefined, properties: Record<string, unknown>): AnalyzedResource {
  return { type, name, urn: urnFor(type, name), properties, ...(provider ? { provider } : {}) };
}

const tags = (r: Random, name: string) => ({
  Name: name,
  team: r.pick(["payments", "search", "platform", "data", "identity"]),
  env: r.pick(["dev", "staging", "prod"]),
  "cost-center": `cc-${r.int(900) + 100}`,
  "managed-by": "pulumi",
});

const ownAmi = (r: Random) => (r.chance(0.75) ? r.pick(inventory.own).ImageId : r.chance(0.5) ? r.pick(benignMarketplaceAmis) : `ami-0${r.hex(16)}`);
const vendorAmi = (r: Random) => r.pick([...testVendorAmis, ...vendorMarketplaceAmis, ...inventory.copies.map((c) => c.ImageId)]);
const machineImage = (r: Draws, restricted: boolean) => (restricted ? vendorAmi(r) : r.unknownImage() ? UNKNOWN : ownAmi(r));

const BENIGN_IMAGES = [
  "nginx:1.25",
  "docker.io/library/redis:7.2",
  `${OWN_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app/api:sha-3f2a9c1`,
  `${OWN_ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/app/worker@sha256:${"ab".repeat(32)}`,
  "ghcr.io/example-org/service:v1.4.2",
  "public.ecr.aws/docker/library/node:20-alpine",
  "quay.io/prometheus/node-exporter:v1.7.0",
  "registry.k8s.io/ingress-nginx/controller:v1.9.4",
  "busybox",
  "postgres:16.1",
];
const RESTRICTED_IMAGES = [
  `${KASPERSKY_REGISTRY}/kcs/scanner-server:v2.0`,
  `${KASPERSKY_REGISTRY}/kcs/node-agent:v2.0`,
  `${TEST_VENDOR_REGISTRY}/agent/collector:3.1`,
  "bench-test-vendor/sidecar:1.0",
];
const containerImage = (r: Draws) => (r.unknownImage() ? UNKNOWN : r.pick(BENIGN_IMAGES));

const envVars = (r: Random) =>
  Array.from({ length: 4 + r.int(8) }, (_, i) => ({ name: `SETTING_${i}`, value: i === 0 ? "https://internal.example/api" : `value-${r.hex(6)}` }));

function ec2Instance(r: Draws, name: string, restricted: boolean): AnalyzedResource {
  return resourceOf("aws:ec2/instance:Instance", name, awsProvider, {
    ami: machineImage(r, restricted),
    instanceType: r.pick(["t3.micro", "m6i.large", "c7g.xlarge"]),
    subnetId: UNKNOWN,
    vpcSecurityGroupIds: [UNKNOWN],
    associatePublicIpAddress: false,
    rootBlockDevice: { volumeSize: 20 + r.int(80), volumeType: "gp3", encrypted: true },
    metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" },
    userData: secret(`#!/bin/bash\necho ${r.hex(12)} > /etc/bench-node-id\n`),
    tags: tags(r, name),
  });
}

function launchTemplate(r: Draws, name: string, restricted: boolean): AnalyzedResource {
  return resourceOf("aws:ec2/launchTemplate:LaunchTemplate", name, awsProvider, {
    namePrefix: `${name}-`,
    imageId: machineImage(r, restricted),
    instanceType: r.pick(["m6i.large", "c6i.2xlarge"]),
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 50, volumeType: "gp3", encrypted: "true" } }],
    iamInstanceProfile: { name: UNKNOWN },
    networkInterfaces: [{ associatePublicIpAddress: "false", securityGroups: [UNKNOWN] }],
    tagSpecifications: [{ resourceType: "instance", tags: tags(r, name) }],
    tags: tags(r, name),
  });
}

function taskDefinition(r: Draws, name: string, restricted: boolean): AnalyzedResource {
  const count = 1 + r.int(4);
  const restrictedAt = restricted ? r.int(count) : -1;
  const containers = Array.from({ length: count }, (_, i) => ({
    name: `c${i}`,
    image: i === restrictedAt ? r.pick(RESTRICTED_IMAGES) : containerImage(r),
    cpu: 256,
    memory: 512,
    essential: i === 0,
    portMappings: [{ containerPort: 8080 + i, protocol: "tcp" }],
    environment: envVars(r),
    logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": `/ecs/${name}`, "awslogs-region": "us-east-1", "awslogs-stream-prefix": `c${i}` } },
  }));
  // An unknown image makes the whole JSON unknown during preview, as pulumi.jsonStringify does.
  const json = containers.some((c) => c.image === UNKNOWN) ? UNKNOWN : JSON.stringify(containers);
  return resourceOf("aws:ecs/taskDefinition:TaskDefinition", name, awsProvider, {
    family: name,
    containerDefinitions: r.chance(0.05) && json !== UNKNOWN ? secret(json) : json,
    cpu: "1024",
    memory: "2048",
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    executionRoleArn: `arn:aws:iam::${OWN_ACCOUNT}:role/ecsTaskExecutionRole`,
    tags: tags(r, name),
  });
}

function deployment(r: Draws, name: string, restricted: boolean): AnalyzedResource {
  const count = 2 + r.int(4);
  const restrictedAt = restricted ? r.int(count) : -1;
  const container = (i: number) => ({
    name: `c${i}`,
    image: i === restrictedAt ? r.pick(RESTRICTED_IMAGES) : containerImage(r),
    ports: [{ containerPort: 8080 + i, name: `http${i}` }],
    env: envVars(r),
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    readinessProbe: { httpGet: { path: "/healthz", port: 8080 + i }, periodSeconds: 10 },
  });
  const labels = { app: name, "app.kubernetes.io/part-of": "bench" };
  return resourceOf("kubernetes:apps/v1:Deployment", name, k8sProvider, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "apps", labels },
    spec: {
      replicas: 1 + r.int(5),
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: name,
          ...(r.chance(0.3) ? { initContainers: [{ name: "migrate", image: containerImage(r), command: ["/bin/migrate", "up"] }] } : {}),
          containers: Array.from({ length: count }, (_, i) => container(i)),
        },
      },
    },
  });
}

const BENIGN_AZURE_IMAGES = [
  { publisher: "Canonical", offer: "0001-com-ubuntu-server-jammy", sku: "22_04-lts-gen2", version: "latest" },
  { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" },
  { publisher: "RedHat", offer: "RHEL", sku: "9-lvm-gen2", version: "latest" },
];
const vendorAzureImage = { publisher: TEST_VENDOR_PUBLISHER, offer: "bench-appliance", sku: "standard", version: "latest" };
const vendorAzurePlan = { publisher: TEST_VENDOR_PUBLISHER, product: "bench-appliance", name: "standard" };

function azureVm(r: Random, name: string, restricted: boolean): AnalyzedResource {
  const image = restricted ? vendorAzureImage : r.pick(BENIGN_AZURE_IMAGES);
  if (r.chance(0.5)) {
    return resourceOf("azure-native:compute:VirtualMachine", name, azureProvider, {
      resourceGroupName: "rg-apps",
      location: "westeurope",
      hardwareProfile: { vmSize: "Standard_D2s_v5" },
      storageProfile: { imageReference: image, osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS" } } },
      osProfile: { computerName: name, adminUsername: "azureuser", adminPassword: secret(`P@ss-${r.hex(10)}`) },
      networkProfile: { networkInterfaces: [{ id: UNKNOWN, primary: true }] },
      ...(restricted ? { plan: vendorAzurePlan } : {}),
      tags: tags(r, name),
    });
  }
  return resourceOf("azure:compute/linuxVirtualMachine:LinuxVirtualMachine", name, undefined, {
    resourceGroupName: "rg-apps",
    location: "westeurope",
    size: "Standard_B2s",
    adminUsername: "azureuser",
    adminSshKeys: [{ username: "azureuser", publicKey: `ssh-ed25519 AAAA${r.hex(40)} bench` }],
    networkInterfaceIds: [UNKNOWN],
    osDisk: { caching: "ReadWrite", storageAccountType: "Standard_LRS" },
    sourceImageReference: image,
    ...(restricted ? { plan: vendorAzurePlan } : {}),
    tags: tags(r, name),
  });
}

function unrelated(r: Random, name: string): AnalyzedResource {
  const pick = r.int(5);
  const make = (type: string, properties: Record<string, unknown>, provider?: AnalyzedProvider) => resourceOf(type, name, provider, properties);
  switch (pick) {
    case 0:
      return make("aws:s3/bucketV2:BucketV2", { bucketPrefix: `${name}-`, forceDestroy: false, tags: tags(r, name) }, awsProvider);
    case 1:
      return make(
        "aws:iam/role:Role",
        {
          assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
          }),
          managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
          tags: tags(r, name),
        },
        awsProvider,
      );
    case 2:
      return make(
        "aws:ec2/securityGroup:SecurityGroup",
        {
          vpcId: UNKNOWN,
          description: "bench security group",
          ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }],
          egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
          tags: tags(r, name),
        },
        awsProvider,
      );
    case 3:
      return make(
        "aws:lambda/function:Function",
        {
          runtime: "nodejs20.x",
          handler: "index.handler",
          role: UNKNOWN,
          code: { hash: r.hex(16) },
          memorySize: 256,
          timeout: 30,
          environment: { variables: { STAGE: "prod", TOKEN: secret(r.hex(20)) } },
          tags: tags(r, name),
        },
        awsProvider,
      );
    default:
      return make(
        "kubernetes:core/v1:ConfigMap",
        { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "apps" }, data: { "app.yaml": `log_level: info\nfeature_${r.hex(4)}: true\n` } },
        k8sProvider,
      );
  }
}

const KINDS: Kind[] = [
  { label: "EC2 instance", share: 0.18, canReference: true, make: ec2Instance },
  { label: "launch template", share: 0.07, canReference: true, make: launchTemplate },
  { label: "ECS task definition", share: 0.12, canReference: true, make: taskDefinition },
  { label: "Kubernetes Deployment", share: 0.13, canReference: true, make: deployment },
  { label: "Azure VM", share: 0.08, canReference: true, make: azureVm },
  { label: "unrelated", share: 0.42, canReference: false, make: (r, name) => unrelated(r, name) },
];

/**
 * An EC2 instance with a boot script of a few KiB, as platform teams write them: a shell script with here-documents,
 * variables and a Helm command, a cloud-config, or the shell script base64-encoded, in turn. `restricted` runs the
 * node agent from Kaspersky's registry.
 */
function userDataInstance(i: number, restricted: boolean): AnalyzedResource {
  const agent = restricted ? `${KASPERSKY_REGISTRY}/kcs/node-agent:2.0` : `ghcr.io/acme/agent:${i % 7}.1`;
  const packages = Array.from({ length: 40 }, (_, k) => `pkg-${k}`).join(" ");
  const compose = `services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n  agent:\n    image: \${AGENT_IMAGE}\n    environment:\n      NODE_ID: node-${i}\n`;
  const script = [
    "#!/bin/bash",
    "set -euo pipefail",
    `export AGENT_IMAGE=${agent}`,
    `apt-get update && apt-get install -y ${packages}`,
    ...Array.from({ length: 40 }, (_, k) => `echo "configuring step ${k} of node ${i}" >> /var/log/bootstrap.log`),
    `cat > /opt/app/compose.yaml <<EOF\n${compose}EOF`,
    "cat > /etc/systemd/system/app.service <<'EOF'\n[Service]\nExecStart=/usr/bin/docker compose -f /opt/app/compose.yaml up\nEOF",
    `helm upgrade --install metrics ./charts/metrics --set image.repository=ghcr.io/acme/metrics --set image.tag=${i % 9}.0`,
    'docker run -d --restart=always --name agent "$AGENT_IMAGE"',
  ].join("\n");
  const cloudConfig = `#cloud-config\npackages: [${packages.split(" ").join(", ")}]\nwrite_files:\n  - path: /opt/app/compose.yaml\n    content: |\n${compose.replace(/^/gm, "      ").replace("${AGENT_IMAGE}", agent)}\nruncmd:\n  - [docker, compose, -f, /opt/app/compose.yaml, up, -d]\n  - - docker\n    - run\n    - -d\n    - ${agent}\n${Array.from({ length: 40 }, (_, k) => `  - echo "step ${k}" >> /var/log/bootstrap.log`).join("\n")}\n`;
  const userData = [script, cloudConfig, Buffer.from(script).toString("base64")][i % 3];
  return resourceOf("aws:ec2/instance:Instance", `node-${i}`, awsProvider, {
    ami: "ami-0123456789abcdef0",
    instanceType: "t3.medium",
    userData,
    tags: { Name: `node-${i}` },
  });
}

/** One boot script in this many runs a restricted image. */
const USER_DATA_RESTRICTED_EVERY = 100;

/** The user-data-heavy mix: `count` EC2 instances with boot scripts of a few KiB (see userDataInstance). */
export function buildUserDataWorkload(count: number): Workload {
  const resources = Array.from({ length: count }, (_, i) => userDataInstance(i, i % USER_DATA_RESTRICTED_EVERY === 0));
  return { resources, restricted: Math.ceil(count / USER_DATA_RESTRICTED_EVERY), unknown: 0, byKind: { "EC2 instance with a boot script": count } };
}

/** `count` resources in the mix, the same on every run; `restrictedShare` of them reference a restricted vendor. */
export function buildWorkload(count: number, seed = 6, restrictedShare = RESTRICTED_SHARE): Workload {
  const r = new Draws(seed);
  const referencingShare = KINDS.filter((k) => k.canReference).reduce((s, k) => s + k.share, 0);
  const byKind: Record<string, number> = {};
  let restricted = 0;
  let unknown = 0;
  const resources: AnalyzedResource[] = [];
  for (let i = 0; i < count; i++) {
    let roll = r.next();
    const kind = KINDS.find((k) => (roll -= k.share) < 0) ?? KINDS[KINDS.length - 1];
    const isRestricted = kind.canReference && r.chance(restrictedShare / referencingShare);
    r.drewUnknown = false;
    resources.push(kind.make(r, `r${i}`, isRestricted));
    if (r.drewUnknown) unknown++;
    byKind[kind.label] = (byKind[kind.label] ?? 0) + 1;
    if (isRestricted) restricted++;
  }
  return { resources, restricted, unknown, byKind };
}
