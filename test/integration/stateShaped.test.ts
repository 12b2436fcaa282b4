import { AnalyzedResource, Diagnostic } from "../../src/harness/types";
import { resource, usePack } from "../support/pack";

/**
 * An audit policy group evaluates a stack's latest state: every property is an output the provider recorded
 * (read-only fields, defaults filled in, JSON normalised), and nothing is unknown. These resources have the
 * shapes their providers write into the state.
 */
const kasperskyVm = resource("azure-native:compute:VirtualMachine", "kaspersky-hcs", {
  id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/security/providers/Microsoft.Compute/virtualMachines/kaspersky-hcs",
  name: "kaspersky-hcs",
  type: "Microsoft.Compute/virtualMachines",
  location: "westeurope",
  vmId: "7f1d4c3e-0000-0000-0000-000000000000",
  provisioningState: "Succeeded",
  hardwareProfile: { vmSize: "Standard_D2s_v3" },
  plan: { name: "byol", product: "kaspersky_hybrid_cloud_security", publisher: "kaspersky_lab" },
  storageProfile: {
    imageReference: { publisher: "kaspersky_lab", offer: "kaspersky_hybrid_cloud_security", sku: "byol", version: "latest", exactVersion: "1.0.0" },
    osDisk: { osType: "Linux", createOption: "FromImage", caching: "ReadWrite", diskSizeGB: 30, managedDisk: { storageAccountType: "Premium_LRS" } },
    dataDisks: [],
  },
  osProfile: {
    adminUsername: "azureuser",
    computerName: "kaspersky-hcs",
    allowExtensionOperations: true,
    linuxConfiguration: { disablePasswordAuthentication: true, provisionVMAgent: true },
  },
  networkProfile: {
    networkInterfaces: [
      { id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/security/providers/Microsoft.Network/networkInterfaces/kaspersky-hcs-nic" },
    ],
  },
  tags: {},
});

const scannerDeployment = resource("kubernetes:apps/v1:Deployment", "kcs-scanner", {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "kcs-scanner",
    namespace: "security",
    uid: "3c2b1a00-0000-0000-0000-000000000000",
    resourceVersion: "48213",
    generation: 1,
    creationTimestamp: "2024-05-02T09:14:00Z",
    annotations: { "deployment.kubernetes.io/revision": "1", "pulumi.com/autonamed": "true" },
    labels: { "app.kubernetes.io/managed-by": "pulumi" },
  },
  spec: {
    replicas: 1,
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
    selector: { matchLabels: { app: "kcs-scanner" } },
    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
    template: {
      metadata: { labels: { app: "kcs-scanner" } },
      spec: {
        containers: [
          {
            name: "scanner",
            image: "repo.kcs.kaspersky.com/kcs/scanner:2.0",
            imagePullPolicy: "IfNotPresent",
            resources: {},
            terminationMessagePath: "/dev/termination-log",
            terminationMessagePolicy: "File",
          },
        ],
        dnsPolicy: "ClusterFirst",
        restartPolicy: "Always",
        schedulerName: "default-scheduler",
        securityContext: {},
        terminationGracePeriodSeconds: 30,
      },
    },
  },
  status: {
    availableReplicas: 1,
    readyReplicas: 1,
    replicas: 1,
    updatedReplicas: 1,
    observedGeneration: 1,
    conditions: [{ type: "Available", status: "True", reason: "MinimumReplicasAvailable" }],
  },
});

const webInstance = resource("aws:ec2/instance:Instance", "web", {
  id: "i-0a1b2c3d4e5f60718",
  arn: "arn:aws:ec2:eu-west-1:123456789012:instance/i-0a1b2c3d4e5f60718",
  ami: "ami-0123456789abcdef0",
  instanceType: "t3.micro",
  instanceState: "running",
  availabilityZone: "eu-west-1a",
  privateIp: "10.0.1.17",
  privateDns: "ip-10-0-1-17.eu-west-1.compute.internal",
  subnetId: "subnet-0a1b2c3d",
  vpcSecurityGroupIds: ["sg-0a1b2c3d"],
  rootBlockDevice: { deleteOnTermination: true, encrypted: false, volumeSize: 8, volumeType: "gp3", iops: 3000, throughput: 125 },
  metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 },
  tags: { Name: "web" },
  tagsAll: { Name: "web" },
});

const appTaskDefinition = resource("aws:ecs/taskDefinition:TaskDefinition", "app", {
  id: "app",
  arn: "arn:aws:ecs:eu-west-1:123456789012:task-definition/app:3",
  family: "app",
  revision: 3,
  networkMode: "awsvpc",
  requiresCompatibilities: ["FARGATE"],
  cpu: "256",
  memory: "512",
  containerDefinitions: JSON.stringify([
    {
      name: "web",
      image: "nginx:1.27",
      cpu: 0,
      essential: true,
      environment: [],
      mountPoints: [],
      portMappings: [{ containerPort: 80, hostPort: 80, protocol: "tcp" }],
      systemControls: [],
      volumesFrom: [],
    },
  ]),
});

const logsBucket = resource("aws:s3/bucket:Bucket", "logs", {
  id: "logs-4f3c2a1",
  arn: "arn:aws:s3:::logs-4f3c2a1",
  bucket: "logs-4f3c2a1",
  bucketDomainName: "logs-4f3c2a1.s3.amazonaws.com",
  region: "eu-west-1",
  forceDestroy: false,
  tags: {},
});

const stack: AnalyzedResource[] = [kasperskyVm, scannerDeployment, webInstance, appTaskDefinition, logsBucket];
const headlines = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.message.split("\n")[0]]);

// Whether an audit evaluation runs as a preview or as an update is Pulumi Cloud's business: the state holds no
// unknown value, so both phases must give the same answer.
describe.each([{ dryRun: false }, { dryRun: true }])(
  "a stack's latest state, as an audit policy group evaluates it (outputs, nothing unknown), dryRun=$dryRun",
  (phase) => {
    const pack = usePack(phase);
    beforeAll(() =>
      pack().configure({
        all: "mandatory",
        "restricted-vendor-marketplace-listing": { asOf: "2025-01-01" },
        "restricted-vendor-container-image": { asOf: "2025-01-01" },
      }),
    );

    it("blocks the recorded Kaspersky Azure Marketplace plan once", async () => {
      expect(headlines(await pack().analyze(kasperskyVm))).toEqual([
        ["restricted-vendor-marketplace-listing", "mandatory", "Blocked: Azure Marketplace plan of restricted vendor kaspersky."],
      ]);
    });

    it("blocks the recorded Kaspersky Container Security image", async () => {
      expect(headlines(await pack().analyze(scannerDeployment))).toEqual([
        ["restricted-vendor-container-image", "mandatory", "Blocked: container image of restricted vendor kaspersky."],
      ]);
    });

    it.each([webInstance, appTaskDefinition, logsBucket])("says nothing about $type, whose recorded outputs name no restricted vendor", async (clean) => {
      expect(await pack().analyze(clean)).toEqual([]);
    });

    it("adds nothing in the stack pass: no 'Could not check' advisory about values that are all known", async () => {
      expect(headlines(await pack().analyzeStack(stack))).toEqual([]);
    });
  },
);
