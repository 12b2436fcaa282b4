import { ReportViolation, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { restrictedVendorPolicies } from "../../policies";
import { Diagnostic } from "../../src/harness/types";
import { urnFor } from "../../src/harness/wireValues";
import { DENY_DATE, KCS_IMAGE, packConfig, testVendor, useHardeningPack } from "./support";

/** What one Analyze answered, reduced to what tells the two configs apart. */
const shapeOf = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => `${d.enforcementLevel} ${d.message.split("\n")[0].split(":")[0]} ${/window:\s+(\S+)/.exec(d.message)?.[1]}`);

const DENY_SHAPE = ["mandatory Blocked deny"];
const WARN_SHAPE = ["advisory Warning warn"];

describe("concurrent Analyze calls across reconfigures (one pack)", () => {
  const { pack, analyze } = useHardeningPack();
  const deny = packConfig();
  const warn = packConfig({ asOf: "2024-07-01" });
  const deployment = { spec: { template: { spec: { containers: [{ name: "scan", image: KCS_IMAGE }] } } } };

  it("answers every call wholly under one config or the other, and the calls after the last reconfigure under it", async () => {
    await pack().configure(deny);
    const inFlight: Array<Promise<Diagnostic[]>> = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 40; i++) inFlight.push(analyze("kubernetes:apps/v1:Deployment", deployment, `app-${round}-${i}`));
      await pack().configure(round % 2 === 0 ? warn : deny);
    }
    const last = Array.from({ length: 40 }, (_, i) => analyze("kubernetes:apps/v1:Deployment", deployment, `last-${i}`));
    const shapes = (await Promise.all(inFlight)).map(shapeOf);
    expect(shapes.filter((s) => !matches(s, DENY_SHAPE) && !matches(s, WARN_SHAPE))).toEqual([]);
    expect(new Set(shapes.map((s) => s.join()))).toEqual(new Set([DENY_SHAPE.join(), WARN_SHAPE.join()]));
    expect(new Set((await Promise.all(last)).map((d) => shapeOf(d).join()))).toEqual(new Set([DENY_SHAPE.join()]));
  });
});

const matches = (shape: string[], expected: string[]) => shape.join() === expected.join();

/**
 * In-process, so that calls interleave at every await: two configs whose compiled settings, AMI inventories
 * and pull-through caches differ, alternating call by call as two policy groups' previews could in one process.
 */
describe("caches keyed on the config they came from (in-process, interleaved)", () => {
  const AMI = "ami-0dddddddddddddddd";
  const configA = {
    asOf: DENY_DATE,
    additionalVendors: [testVendor],
    // Online resolution shares one DescribeImages cache across configs; each config's inventory is consulted first.
    amiResolution: "aws",
    amiInventory: { Images: [{ ImageId: AMI, OwnerId: "111122223333", Name: "vendor-image" }] },
    pullThroughCaches: [{ registry: "*.dkr.ecr.us-east-1.amazonaws.com", prefix: "hub", upstream: "registry-1.docker.io" }],
  };
  const configB = {
    asOf: DENY_DATE,
    additionalVendors: [testVendor],
    amiResolution: "aws",
    amiInventory: { Images: [{ ImageId: AMI, OwnerId: "123456789012", Name: "own-image" }] },
    pullThroughCaches: [{ registry: "*.dkr.ecr.us-east-1.amazonaws.com", prefix: "hub", upstream: "ghcr.io" }],
  };
  const policies = restrictedVendorPolicies();

  async function run(policyName: string, config: Record<string, unknown>, type: string, props: Record<string, unknown>): Promise<string[]> {
    const policy = policies.find((p) => p.name === policyName)!;
    const messages: string[] = [];
    const report = ((violation: { message: string }) => messages.push(violation.message.split("\n")[0])) as unknown as ReportViolation;
    // The SDK hands each call a fresh shallow copy of the same config.
    const args = { type, urn: urnFor(type, "r"), name: "r", props, getConfig: () => ({ ...config }) } as unknown as ResourceValidationArgs;
    await (policy.validateResource as ResourceValidation)(args, report);
    return messages;
  }

  it("resolves AMIs through each call's own inventory", async () => {
    const calls = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? configA : configB));
    const results = await Promise.all(calls.map((config) => run("restricted-vendor-ami", config, "aws:ec2/instance:Instance", { ami: AMI })));
    results.forEach((messages, i) => expect(messages).toEqual(calls[i] === configA ? ["Blocked: AMI of restricted vendor example-vendor."] : []));
  });

  it("maps images through each call's own pull-through caches", async () => {
    const calls = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? configB : configA));
    const pod = { spec: { containers: [{ name: "a", image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/hub/examplevendor/agent:7" }] } };
    const results = await Promise.all(calls.map((config) => run("restricted-vendor-container-image", config, "kubernetes:core/v1:Pod", pod)));
    results.forEach((messages, i) => expect(messages).toEqual(calls[i] === configA ? ["Blocked: container image of restricted vendor example-vendor."] : []));
  });
});
