import { gzipSync } from "zlib";
import { resource } from "../support/pack";
import { KCS_IMAGE, blocked, properties, useHardeningPack } from "./support";

const { pack, configure, analyze } = useHardeningPack();

beforeAll(() => configure());

const MiB = 1024 * 1024;
const headlines = (diagnostics: Array<{ message: string }>) => diagnostics.map((d) => d.message.split("\n")[0]);
const deployment = (containers: unknown) => ({ spec: { template: { spec: { containers } } } });

describe("sizes: cost stays linear, and what a limit leaves unread is reported", () => {
  it("finds a restricted pull at the end of 5 MiB of user data", async () => {
    const userData = `#!/bin/sh\n${"echo padding\n".repeat((5 * MiB) / 13)}docker pull ${KCS_IMAGE}\n`;
    const diagnostics = await analyze("aws:ec2/launchTemplate:LaunchTemplate", { imageId: "ami-0123456789abcdef0", userData });
    expect(properties(blocked(diagnostics))).toEqual(["userData"]);
  });

  it("reports text beyond the 16 MiB scan budget as not scanned, at advisory level, instead of passing it", async () => {
    const manifests = `${"# padding\n".repeat((17 * MiB) / 10)}image: ${KCS_IMAGE}\n`;
    const diagnostics = await analyze("kubernetes:yaml/v2:ConfigGroup", { yaml: manifests });
    expect(diagnostics.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
    expect(diagnostics[0].message).toMatch(/^Could not check everything: the resource holds more than 16777216 characters of text/);
    expect(properties(diagnostics)).toEqual(["yaml"]);
  });

  it("reads a Deployment with 20,000 containers and finds the restricted one at the end", async () => {
    const containers = Array.from({ length: 20_000 }, (_, i) => ({ name: `c${i}`, image: i === 19_999 ? KCS_IMAGE : `registry.example.com/app/c${i}:1` }));
    expect(properties(blocked(await analyze("kubernetes:apps/v1:Deployment", deployment(containers))))).toEqual(["spec.template.spec.containers[19999].image"]);
  });

  it("reads 20,000 environment values", async () => {
    const env = Array.from({ length: 20_000 }, (_, i) => ({
      name: `V${i}`,
      value: i === 12_345 ? `https://repo.kcs.kaspersky.com/agent-${i}.sh` : `value-${i}`,
    }));
    expect(properties(blocked(await analyze("kubernetes:apps/v1:Deployment", deployment([{ name: "app", image: "nginx", env }]))))).toEqual([
      "spec.template.spec.containers[0].env[12345].value",
    ]);
  });

  it("scans 20,000 strings of a resource type it does not model", async () => {
    const items = Array.from({ length: 20_000 }, (_, i) => (i === 7_777 ? `pull ${KCS_IMAGE}` : `item ${i}/of/many`));
    expect(properties(blocked(await analyze("example:index:Inventory", { items })))).toEqual(["items[7777]"]);
  });

  // The SDK's recursive gRPC decoder takes about 1,000 levels (docs/security.md, "Limits"); the engine's own walks
  // are tested at 100,000 levels in-process (limits.test.ts) and through a JSON document below.
  it("scans 500 levels of nesting down to the 64-level limit, and reports the rest as not scanned", async () => {
    let deep: unknown = `pull ${KCS_IMAGE}`;
    for (let i = 0; i < 500; i++) deep = { next: deep };
    let shallow: unknown = "pull repo.kcs.kaspersky.com/kcs/agent:2.0";
    for (let i = 0; i < 60; i++) shallow = { next: shallow };
    const diagnostics = await analyze("example:index:Tree", { deep, shallow });
    expect(headlines(diagnostics)).toEqual([
      expect.stringMatching(/^Could not check everything: values nested more than 64 levels deep were not scanned/),
      expect.stringMatching(/^Blocked: container image reference in text of restricted vendor kaspersky/),
    ]);
    expect(properties(diagnostics)[0]).toBe(`deep${".next".repeat(63)}`);
    expect(diagnostics[0].enforcementLevel).toBe("advisory");
  });

  it("reads a JSON document nested 100,000 levels deep without exhausting the stack", async () => {
    const depth = 100_000;
    const containerDefinitions = `[{"name": "scan", "image": "${KCS_IMAGE}", "dockerLabels": ${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}]`;
    const diagnostics = await analyze("aws:ecs/taskDefinition:TaskDefinition", { containerDefinitions });
    expect(properties(blocked(diagnostics))).toEqual(["containerDefinitions[0].image"]);
    expect(headlines(diagnostics)).toContainEqual(expect.stringMatching(/^Could not check everything: values nested more than 64 levels/));
  });
});

describe("broken encodings: no crash, and a restricted host visible in the raw text is still reported", () => {
  it.each([
    [
      "invalid JSON in ECS containerDefinitions",
      "aws:ecs/taskDefinition:TaskDefinition",
      { containerDefinitions: `[{"name": "scan", "image": "${KCS_IMAGE}", "command": [` },
      "containerDefinitions",
    ],
    [
      "invalid JSON in Batch containerProperties",
      "aws:batch/jobDefinition:JobDefinition",
      { type: "container", containerProperties: `{"image": "${KCS_IMAGE}" "vcpus": 1}` },
      "containerProperties",
    ],
    [
      "invalid JSON in Batch nodeProperties",
      "aws:batch/jobDefinition:JobDefinition",
      { type: "multinode", nodeProperties: `{"nodeRangeProperties": [{"container": {"image": "${KCS_IMAGE}"}}` },
      "nodeProperties",
    ],
  ])("%s", async (_case, type, props, property) => {
    const diagnostics = await analyze(type, props);
    expect(headlines(diagnostics)).toEqual([expect.stringMatching(/^Could not check: the value is not a JSON document/), expect.stringMatching(/^Blocked:/)]);
    expect(properties(diagnostics)).toEqual([property, property]);
  });

  it.each([
    ["base64 with a stray word", "aws:ec2/instance:Instance", { userData: `IyEvYmluL3NoCg== docker run ${KCS_IMAGE}` }, "userData"],
    [
      "invalid YAML in a ConfigGroup",
      "kubernetes:yaml/v2:ConfigGroup",
      { yaml: `apiVersion: apps/v1\nkind: Deployment\nspec: : [\n  - image: ${KCS_IMAGE}\n    - : broken` },
      "yaml",
    ],
    [
      "invalid YAML in cloud-config user data",
      "aws:ec2/instance:Instance",
      { userData: `#cloud-config\nruncmd:\n  - [docker, pull, ${KCS_IMAGE}]\n bad: : [` },
      "userData",
    ],
  ])("%s", async (_case, type, props, property) => {
    expect(properties(blocked(await analyze(type, props)))).toEqual([property]);
  });

  it("says when base64 user data holds gzip data that does not decompress", async () => {
    const corrupt = gzipSync(`docker pull ${KCS_IMAGE}\n`);
    corrupt.fill(0xff, 10, corrupt.length - 8);
    const diagnostics = await analyze("aws:ec2/instance:Instance", { userData: corrupt.toString("base64") });
    expect(headlines(diagnostics)).toEqual([
      "Could not check everything: its base64 content is gzip data that does not decompress. What was scanned is reported as usual.",
    ]);
    expect(diagnostics[0].enforcementLevel).toBe("advisory");
  });
});

describe("wrong types: no crash and no blocking finding", () => {
  const junk = [42, -1.5, true, null, [], {}, [1, "two", null], { a: { b: [3] } }, "", "not-an-image !!", "[]", "{}", "null", "42"];
  const cases: Array<[string, (value: unknown) => Record<string, unknown>]> = [
    ["aws:ecs/taskDefinition:TaskDefinition", (v) => ({ containerDefinitions: v })],
    ["aws:ecs/taskDefinition:TaskDefinition", (v) => ({ containerDefinitions: JSON.stringify([{ name: "a", image: v, command: v, environment: v }]) })],
    ["kubernetes:apps/v1:Deployment", (v) => ({ spec: v })],
    ["kubernetes:apps/v1:Deployment", (v) => ({ spec: { template: { spec: { containers: v, initContainers: [v] } } } })],
    ["kubernetes:apps/v1:Deployment", (v) => deployment([{ image: v, command: v, args: [v], env: [{ value: v }, v] }])],
    [
      "kubernetes:helm.sh/v3:Release",
      (v) => ({ chart: v, repositoryOpts: v, values: { image: v, sub: { image: { repository: v, tag: v, registry: v } }, imageRegistry: v } }),
    ],
    ["docker-build:index:Image", (v) => ({ context: { location: v }, dockerfile: { inline: v, location: v }, buildArgs: v })],
    ["aws:ec2/instance:Instance", (v) => ({ ami: v, userData: v, userDataBase64: v })],
    ["aws:ec2/spotFleetRequest:SpotFleetRequest", (v) => ({ launchSpecifications: [v, { ami: v, userData: v }] })],
    ["aws:ecr/pullThroughCacheRule:PullThroughCacheRule", (v) => ({ ecrRepositoryPrefix: v, upstreamRegistryUrl: v, region: v })],
    ["aws:sagemaker/model:Model", (v) => ({ primaryContainer: { image: v, modelPackageName: v, environment: v }, containers: v })],
    ["gcp:compute/instance:Instance", (v) => ({ bootDisk: { initializeParams: { image: v } } })],
    ["azure-native:compute:VirtualMachine", (v) => ({ plan: v, storageProfile: { imageReference: { publisher: v, offer: v, sku: v, id: v } } })],
    ["azure:marketplace/agreement:Agreement", (v) => ({ publisher: v, offer: v, plan: v })],
  ];

  it.each(cases.map(([type, shape], i) => [i, type, shape] as const))("shape %i: %s", async (_i, type, shape) => {
    for (const value of junk) {
      const diagnostics = await analyze(type, shape(value));
      expect(diagnostics.filter((d) => d.enforcementLevel !== "advisory")).toEqual([]);
    }
    const stack = await pack().analyzeStack(junk.map((value, i) => resource(type, `r${i}`, shape(value))));
    expect(stack.filter((d) => d.enforcementLevel !== "advisory")).toEqual([]);
  });
});

describe("text built to make a backtracking scanner quadratic is read in linear time", () => {
  it.each([
    ["a run of trailing punctuation", "example:index:Thing", { note: `${".".repeat(2 * MiB)}a /x` }],
    ["a run of colons after a bracket", "example:index:Thing", { note: `[${":".repeat(2 * MiB)}/x` }],
    ["a host of a million labels", "example:index:Thing", { note: `https://${"a.".repeat(MiB)}com/x` }],
    ["a command name repeated before every flag", "aws:ec2/instance:Instance", { userData: "docker -z ".repeat(MiB / 5) }],
    ["kubectl run repeated without an image", "aws:ec2/instance:Instance", { userData: "kubectl run ".repeat(MiB / 6) }],
    ["unclosed build-argument braces in a FROM line", "docker-build:index:Image", { dockerfile: { inline: `FROM ${"${a:-".repeat(MiB / 5)}` } }],
    [
      "query marks before a newline in a chart URL",
      "kubernetes:helm.sh/v3:Release",
      { chart: "kcs", repositoryOpts: { repo: `https://bad_host!/${"?".repeat(2 * MiB)}\nx` } },
    ],
    [
      "trailing slashes in a registry setting",
      "kubernetes:helm.sh/v3:Release",
      { chart: "kcs", values: { image: { registry: `${"/".repeat(2 * MiB)}x`, repository: "a" } } },
    ],
  ])("%s", async (_case, type, props) => {
    expect(blocked(await analyze(type, props))).toEqual([]);
  });

  it("a pull-through cache rule whose prefix is a long run of slashes", async () => {
    const rule = resource("aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "hub", {
      ecrRepositoryPrefix: `${"/".repeat(2 * MiB)}x`,
      upstreamRegistryUrl: "registry-1.docker.io",
    });
    const task = resource("aws:ecs/taskDefinition:TaskDefinition", "app", {
      containerDefinitions: JSON.stringify([{ name: "a", image: "111122223333.dkr.ecr.us-east-1.amazonaws.com/hub/examplevendor/agent:1" }]),
    });
    const diagnostics = await pack().analyzeStack([rule, task]);
    expect(diagnostics.filter((d) => d.message.includes("pulled through the cache"))).toEqual([]);
  });
});
