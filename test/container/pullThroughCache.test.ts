import { AnalyzedResource } from "../../src/harness/types";
import { UNKNOWN } from "../../src/harness/wireValues";
import { ofPolicy, resource } from "../support/pack";
import { POLICY, levels, properties, useContainerPack } from "./support";

const { pack, configure, analyze } = useContainerPack();

const ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
const dockerHubCache = { registry: "*.dkr.ecr.*.amazonaws.com", prefix: "docker-hub", upstream: "registry-1.docker.io" };
const podWith = (image: string) => analyze("kubernetes:core/v1:Pod", { spec: { containers: [{ name: "c", image }] } });

describe("pull-through caches from config (pullThroughCaches)", () => {
  beforeEach(() => configure({ pullThroughCaches: [dockerHubCache] }));

  it.each([
    ["a namespaced Docker Hub image", `${ECR}/docker-hub/examplevendor/agent:7`],
    ["a digest-only reference", `${ECR}/docker-hub/examplevendor/agent@sha256:${"ab".repeat(32)}`],
    ["an upper-case ECR host", `${ECR.toUpperCase()}/docker-hub/examplevendor/agent`],
  ])("maps %s back to its upstream image", async (_case, image) => {
    const diagnostics = await podWith(image);
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(diagnostics[0].message).toContain(
      "pulled through the cache of pullThroughCaches[0] (docker-hub from registry-1.docker.io): docker.io/examplevendor/agent",
    );
  });

  it("does not map a repository that only starts with the prefix", async () => {
    expect(await podWith(`${ECR}/docker-hubx/examplevendor/agent`)).toEqual([]);
  });

  it("does not map an unrelated image under the prefix", async () => {
    expect(await podWith(`${ECR}/docker-hub/library/nginx:1.27`)).toEqual([]);
  });

  it("maps through the longest matching prefix", async () => {
    await configure({ pullThroughCaches: [dockerHubCache, { registry: ECR, prefix: "docker-hub/mirror", upstream: "ghcr.io" }] });
    expect(await podWith(`${ECR}/docker-hub/mirror/examplevendor/agent`)).toEqual([]);
  });

  describe("a chart whose registry setting points at a cache", () => {
    const kcsProxy = { registry: "harbor.corp.example", prefix: "kcs-proxy", upstream: "repo.kcs.kaspersky.com" };
    const release = (imageRegistry: string) => analyze("kubernetes:helm.sh/v3:Release", { chart: "./charts/scanner", values: { global: { imageRegistry } } });

    it("pulls every image from the cache's upstream registry", async () => {
      await configure({ pullThroughCaches: [kcsProxy] });
      const diagnostics = await release("harbor.corp.example/kcs-proxy");
      expect(levels(diagnostics)).toEqual(["mandatory"]);
      expect(diagnostics[0].message).toContain(
        "a registry under the cache of pullThroughCaches[0] (kcs-proxy from repo.kcs.kaspersky.com): repo.kcs.kaspersky.com",
      );
    });

    it("is not mapped when it only shares the cache's host", async () => {
      await configure({ pullThroughCaches: [kcsProxy] });
      expect(await release("harbor.corp.example/internal")).toEqual([]);
    });
  });

  it("maps any mirror configured the same way, not only ECR", async () => {
    await configure({ pullThroughCaches: [{ registry: "harbor.corp.example", prefix: "kcs-proxy", upstream: "repo.kcs.kaspersky.com" }] });
    expect(levels(await podWith("harbor.corp.example/kcs-proxy/kcs/scanner:2.0"))).toEqual(["mandatory"]);
  });
});

describe("pull-through caches declared in the stack (aws.ecr.PullThroughCacheRule)", () => {
  beforeEach(() => configure());

  const rule = (props: Record<string, unknown>, provider?: Record<string, unknown>): AnalyzedResource =>
    resource(
      "aws:ecr/pullThroughCacheRule:PullThroughCacheRule",
      "docker-hub",
      { ecrRepositoryPrefix: "docker-hub", upstreamRegistryUrl: "registry-1.docker.io", ...props },
      provider
        ? { provider: { type: "pulumi:providers:aws", name: "default", urn: "urn:pulumi:dev::example::pulumi:providers:aws::default", properties: provider } }
        : {},
    );
  const task = (image: string) =>
    resource("aws:ecs/taskDefinition:TaskDefinition", "agent", { family: "agent", containerDefinitions: JSON.stringify([{ name: "agent", image }]) });
  const stackFindings = async (resources: AnalyzedResource[]) => ofPolicy(await pack().analyzeStack(resources), POLICY);

  it("reports, against the task definition, an image pulled through a rule of the same stack", async () => {
    const diagnostics = await stackFindings([rule({}), task(`${ECR}/docker-hub/examplevendor/agent:7`)]);
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(diagnostics[0].urn).toBe(task("").urn);
    expect(properties(diagnostics)).toEqual(["containerDefinitions[0].image"]);
    expect(diagnostics[0].message).toContain('aws.ecr.PullThroughCacheRule "docker-hub"');
  });

  it("does not report the same image at Analyze, where the rule is not visible", async () => {
    expect(ofPolicy(await pack().analyze(task(`${ECR}/docker-hub/examplevendor/agent:7`)), POLICY)).toEqual([]);
  });

  it.each([
    ["FIPS", "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com"],
    ["dual-stack", "123456789012.dkr-ecr.us-east-1.on.aws"],
  ])("covers the region's %s registry host too", async (_case, host) => {
    const diagnostics = await stackFindings([rule({ region: "us-east-1" }), task(`${host}/docker-hub/examplevendor/agent:7`)]);
    expect(levels(diagnostics)).toEqual(["mandatory"]);
  });

  it("covers a China region's registry host", async () => {
    const diagnostics = await stackFindings([
      rule({ region: "cn-north-1" }),
      task("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/docker-hub/examplevendor/agent:7"),
    ]);
    expect(levels(diagnostics)).toEqual(["mandatory"]);
  });

  it("applies a rule only in its region", async () => {
    const diagnostics = await stackFindings([rule({}, { region: "eu-west-1" }), task(`${ECR}/docker-hub/examplevendor/agent:7`)]);
    expect(diagnostics).toEqual([]);
  });

  it("uses the rule's own region over its provider's", async () => {
    const diagnostics = await stackFindings([rule({ region: "us-east-1" }, { region: "eu-west-1" }), task(`${ECR}/docker-hub/examplevendor/agent:7`)]);
    expect(levels(diagnostics)).toEqual(["mandatory"]);
  });

  it("says nothing about a stack without images under a rule's prefix", async () => {
    expect(await stackFindings([rule({}), task(`${ECR}/internal/api:3`)])).toEqual([]);
  });

  it("ignores a rule whose prefix is unknown during preview", async () => {
    expect(await stackFindings([rule({ ecrRepositoryPrefix: UNKNOWN }), task(`${ECR}/docker-hub/examplevendor/agent:7`)])).toEqual([]);
  });

  it("leaves an image under a configured cache to Analyze, so it is reported once", async () => {
    await configure({ pullThroughCaches: [dockerHubCache] });
    expect(await stackFindings([rule({}), task(`${ECR}/docker-hub/examplevendor/agent:7`)])).toEqual([]);
  });
});
