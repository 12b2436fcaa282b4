import { UNKNOWN, urnFor } from "../../src/harness/wireValues";
import { AnalyzedResource, Diagnostic } from "../../src/harness/types";
import { DENY_DATE, POLICY, dockerHubVendor } from "../container/support";
import { ofPolicy, resource, usePack } from "../support/pack";

const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const DOCKER_IMAGE = "docker:index/image:Image";
const DB = "aws:rds/instance:Instance";

/** A stack that builds its image and deploys it: at preview the task definition's JSON is unknown. */
const builtImage = resource("docker-build:index:Image", "app-image", { push: true, tags: ["app:latest"], dockerfile: { inline: "FROM nginx:1.27\n" } });
const database = resource(DB, "db", { engine: "postgres", instanceClass: "db.t3.micro" });
const taskDefinition = (computedFrom: AnalyzedResource[]) =>
  resource(
    TASK_DEFINITION,
    "app",
    { family: "app", containerDefinitions: UNKNOWN },
    { propertyDependencies: { containerDefinitions: computedFrom.map((r) => r.urn) } },
  );

const configure = (pack: () => { configure(config: unknown): Promise<unknown> }, props: Record<string, unknown> = {}) =>
  pack().configure({ [POLICY]: { enforcementLevel: "mandatory", asOf: DENY_DATE, additionalVendors: [dockerHubVendor], ...props } });

const headlines = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.enforcementLevel, d.message.split("\n")[0]]);

describe("during an update (PULUMI_DRY_RUN=false): an unknown value fails closed", () => {
  const pack = usePack({ dryRun: false });
  beforeAll(() => configure(pack));

  it("blocks a task definition whose containers are unknown, in the per-resource pass", async () => {
    const diagnostics = ofPolicy(await pack().analyze(taskDefinition([builtImage])), POLICY);
    expect(headlines(diagnostics)).toEqual([
      ["mandatory", "Could not check: the container image is unknown during preview, so it may belong to a restricted vendor."],
    ]);
  });

  it("does not report it again in the stack pass", async () => {
    expect(ofPolicy(await pack().analyzeStack([builtImage, database, taskDefinition([database])]), POLICY)).toEqual([]);
  });
});

describe("during a preview (PULUMI_DRY_RUN=true)", () => {
  const pack = usePack({ dryRun: true });

  describe("with the default unknownsAtPreview (advisory)", () => {
    beforeAll(() => configure(pack));

    it("leaves the unknown out of the per-resource pass, which cannot see what the value is computed from", async () => {
      expect(ofPolicy(await pack().analyze(taskDefinition([database])), POLICY)).toEqual([]);
    });

    it("says nothing about a value computed only from an image this stack builds, whose Dockerfile is checked on its own resource", async () => {
      expect(ofPolicy(await pack().analyzeStack([builtImage, taskDefinition([builtImage])]), POLICY)).toEqual([]);
    });

    it("still blocks the restricted base image of the image the stack builds", async () => {
      const restrictedBuild = resource("docker-build:index:Image", "app-image", { dockerfile: { inline: "FROM examplevendor/agent:1.4\n" } });
      expect(headlines(ofPolicy(await pack().analyze(restrictedBuild), POLICY))).toEqual([
        ["mandatory", "Blocked: container image of restricted vendor example-vendor."],
      ]);
    });

    it("is advisory in the stack pass, says the update checks it, and names the resource it is computed from", async () => {
      const diagnostics = ofPolicy(await pack().analyzeStack([builtImage, database, taskDefinition([database, builtImage])]), POLICY);
      expect(headlines(diagnostics)).toEqual([
        [
          "advisory",
          "Could not check yet: the container image is unknown during preview; `pulumi up` checks it once it is resolved, before it creates the resource.",
        ],
      ]);
      expect(diagnostics[0].urn).toBe(urnFor(TASK_DEFINITION, "app"));
      expect(diagnostics[0].message).toContain('  from:      computed from aws:rds/instance:Instance "db", docker-build:index:Image "app-image"\n');
      expect(diagnostics[0].message).toContain("  property:  containerDefinitions\n");
      expect(diagnostics[0].message).toContain('set unknownsAtPreview to "mandatory"');
    });

    it("has no from line when the engine recorded no dependency (a value from an invoke, or preview output without them)", async () => {
      const diagnostics = ofPolicy(await pack().analyzeStack([taskDefinition([])]), POLICY);
      expect(headlines(diagnostics)).toEqual([["advisory", expect.stringMatching(/^Could not check yet: the container image is unknown during preview/)]]);
      expect(diagnostics[0].message).not.toContain("from:");
    });

    it("treats a docker.Image dependency (repoDigest) like any image build", async () => {
      const classic = resource(DOCKER_IMAGE, "app-image", { imageName: "app:latest", build: { context: "/nonexistent/app" } });
      expect(ofPolicy(await pack().analyzeStack([classic, taskDefinition([classic])]), POLICY).filter((d) => d.urn === urnFor(TASK_DEFINITION, "app"))).toEqual(
        [],
      );
    });
  });

  describe("before any enforcement window", () => {
    beforeAll(() => configure(pack, { asOf: "2023-06-01" }));

    it("says nothing, as for a known value", async () => {
      expect(ofPolicy(await pack().analyzeStack([database, taskDefinition([database])]), POLICY)).toEqual([]);
    });
  });

  describe('with unknownsAtPreview: "mandatory"', () => {
    beforeAll(() => configure(pack, { unknownsAtPreview: "mandatory" }));

    it("blocks the preview in the per-resource pass, as an update does", async () => {
      const diagnostics = ofPolicy(await pack().analyze(taskDefinition([builtImage])), POLICY);
      expect(headlines(diagnostics)).toEqual([
        ["mandatory", "Could not check: the container image is unknown during preview, so it may belong to a restricted vendor."],
      ]);
    });

    it("does not report it again in the stack pass", async () => {
      expect(ofPolicy(await pack().analyzeStack([database, taskDefinition([database])]), POLICY)).toEqual([]);
    });
  });

  it("refuses an unknownsAtPreview that is neither value, as the Pulumi CLI does from the pack's config schema", async () => {
    await expect(configure(pack, { unknownsAtPreview: "block" })).rejects.toThrow('unknownsAtPreview must be one of the following: "advisory", "mandatory"');
  });
});
