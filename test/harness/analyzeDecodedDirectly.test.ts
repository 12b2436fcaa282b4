import * as path from "path";
import { parseFindingFields } from "../../src/cli/findingFields";
import { PackProcess, startPack } from "../../src/harness/packProcess";
import type { AnalyzedResource } from "../../src/harness/types";
import { UNKNOWN, secret, urnFor } from "../../src/harness/wireValues";
import { REPO_ROOT, resource } from "../support/pack";
import { exampleVendor } from "../support/settings";

/*
 * The pack reads Analyze and AnalyzeStack requests straight from their bytes (src/sdk/decodeAnalyzeRequests.ts).
 * Two pack processes, started as the Pulumi CLI starts them, receive the same requests: the pack as it ships, and
 * the pack with test/support/sdkProbe.js keeping the SDK's google-protobuf decoding. They must report alike.
 */

const PROBE = path.join(__dirname, "..", "support", "sdkProbe.js");
const config = { "restricted-vendor-ami": { enforcementLevel: "mandatory", asOf: "2025-06-01", additionalVendors: [exampleVendor] } };

const provider = {
  type: "pulumi:providers:aws",
  name: "eu",
  urn: urnFor("pulumi:providers:aws", "eu"),
  properties: { region: "eu-west-1", accessKey: secret("AKIAEXAMPLE"), defaultTags: JSON.stringify({ tags: { team: "security" } }) },
};
const stackUrn = urnFor("pulumi:pulumi:Stack", "shop-dev");
const deployment = (name: string, image: unknown) =>
  resource("kubernetes:apps/v1:Deployment", name, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, labels: {} },
    spec: { replicas: 2, template: { spec: { containers: [{ name, image, ports: [] }] } } },
  });

/** Real shapes: secrets, unknowns, JSON inside strings, providers, parents and dependencies. */
const resources: AnalyzedResource[] = [
  resource("aws:ec2/instance:Instance", "blocked-ami", { ami: "ami-0aaaaaaaaaaaaaaaa", instanceType: "t3.micro", tags: {} }, { provider, parent: stackUrn }),
  resource("aws:ec2/instance:Instance", "secret-ami", { ami: secret("ami-0aaaaaaaaaaaaaaaa"), cpuCoreCount: -0, rootBlockDevice: { volumeSize: 8.5 } }),
  resource(
    "aws:ec2/instance:Instance",
    "unknown-ami",
    { ami: UNKNOWN, userData: null },
    { dependencies: [stackUrn], propertyDependencies: { ami: [stackUrn] } },
  ),
  resource("aws:ec2/instance:Instance", "downloads", {
    ami: "ami-0bbbbbbbbbbbbbbbb",
    userData: secret(["#!/bin/bash", "wget https://products.s.kaspersky-labs.com/endpoints/keslinux10/kesl_11.2.0-4528_amd64.deb"].join("\n")),
  }),
  deployment("scan-engine", "kaspersky/scanengine_httpd:2.1.0.46"),
  deployment("secret-image", secret("kaspersky/scanengine_httpd:2.1.0.46")),
  deployment("pending-image", UNKNOWN),
  resource("aws:ecs/taskDefinition:TaskDefinition", "task", {
    family: "scan",
    containerDefinitions: JSON.stringify([{ name: "kse", image: "harbor.corp.example:8443/security/kaspersky/scanengine_httpd:2.1.0.46", essential: true }]),
  }),
  resource(
    "azure-native:compute:VirtualMachine",
    "marketplace-vm",
    {
      plan: { publisher: "kaspersky_lab", product: "kaspersky_hybrid_cloud_security", name: "byol" },
      storageProfile: { imageReference: { publisher: "kaspersky_lab", offer: "kaspersky_hybrid_cloud_security", sku: "byol", version: "latest" } },
    },
    {
      provider: {
        type: "pulumi:providers:azure-native",
        name: "default",
        urn: urnFor("pulumi:providers:azure-native", "default"),
        properties: { location: UNKNOWN },
      },
      dependencies: [stackUrn, urnFor("aws:ec2/instance:Instance", "blocked-ami")],
    },
  ),
  resource(
    "aws:ecr/pullThroughCacheRule:PullThroughCacheRule",
    "docker-hub",
    { ecrRepositoryPrefix: "docker-hub", upstreamRegistryUrl: "registry-1.docker.io" },
    { provider: { ...provider, properties: { region: "us-east-1" } }, parent: stackUrn },
  ),
  resource(
    "aws:ecs/taskDefinition:TaskDefinition",
    "through-cache",
    {
      family: "agent",
      containerDefinitions: JSON.stringify([
        { name: "agent", image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/kaspersky/scanengine_httpd:2.1.0.46" },
      ]),
    },
    { dependencies: [urnFor("aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "docker-hub")], propertyDependencies: { containerDefinitions: [stackUrn] } },
  ),
  resource("aws:s3/bucket:Bucket", "logs", { bucket: "logs", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*" }] }) }),
];

function usePackPair(): { direct: () => PackProcess; sdkDecoding: () => PackProcess } {
  let direct: PackProcess | undefined;
  let sdkDecoding: PackProcess | undefined;
  beforeAll(async () => {
    [direct, sdkDecoding] = await Promise.all([
      startPack(REPO_ROOT, { dryRun: true }),
      startPack(REPO_ROOT, { dryRun: true, env: { NODE_OPTIONS: `--require ${PROBE}`, SDK_PROBE_SDK_DECODING: "1" } }),
    ]);
    await Promise.all([direct.configure(config), sdkDecoding.configure(config)]);
  });
  afterAll(async () => {
    await Promise.all([direct?.stop(), sdkDecoding?.stop()]);
  });
  return { direct: () => direct!, sdkDecoding: () => sdkDecoding! };
}

describe("requests read straight from their bytes are analyzed as the SDK's decoding has them analyzed", () => {
  const { direct, sdkDecoding } = usePackPair();

  it.each(resources.map((r) => [r.name, r] as const))("reports the same diagnostics for %s at Analyze", async (_name, analyzed) => {
    const [expected, actual] = await Promise.all([sdkDecoding().analyze(analyzed), direct().analyze(analyzed)]);
    expect(actual).toEqual(expected);
  });

  it("finds something to report in these resources, so that agreeing means something", async () => {
    const reported = await Promise.all(resources.map((r) => direct().analyze(r)));
    expect(reported.filter((diagnostics) => diagnostics.length > 0).length).toBeGreaterThanOrEqual(7);
  });

  it("reports the same diagnostics for all of them at AnalyzeStack", async () => {
    const [expected, actual] = await Promise.all([sdkDecoding().analyzeStack(resources), direct().analyzeStack(resources)]);
    expect(actual).toEqual(expected);
    // Unknowns wait for the stack pass during a preview; the image through the stack's cache rule is found only there.
    expect(actual.map((d) => [d.urn, parseFindingFields(d.message).outcome])).toEqual([
      [urnFor("aws:ec2/instance:Instance", "unknown-ami"), "unchecked"],
      [urnFor("kubernetes:apps/v1:Deployment", "pending-image"), "unchecked"],
      [urnFor("aws:ecs/taskDefinition:TaskDefinition", "through-cache"), "blocked"],
    ]);
  });

  it("keeps the SDK's decoding only in the pack that was told to", () => {
    expect(sdkDecoding().stderr()).toContain("sdk-probe: kept the SDK's analyze deserializer");
    expect(sdkDecoding().stderr()).toContain("sdk-probe: kept the SDK's analyzeStack deserializer");
    expect(direct().stderr()).not.toMatch(/is not what this pack was built against/);
  });
});
