import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UNKNOWN } from "../../src/harness/wireValues";
import type { Report } from "../../src/cli/report";
import { ensureBuilt, runCli } from "./runCli";

const STACK = "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev";
const IMAGE = "urn:pulumi:dev::shop::docker:index/image:Image::web";
const DB = "urn:pulumi:dev::shop::aws:rds/instance:Instance::db";
const TASK = "urn:pulumi:dev::shop::aws:ecs/taskDefinition:TaskDefinition::web";

const step = (urn: string, type: string, inputs: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}) => ({
  op: "create",
  urn,
  newState: { urn, type, custom: type !== "pulumi:pulumi:Stack", inputs, parent: type === "pulumi:pulumi:Stack" ? "" : STACK, propertyDependencies },
});

/** `pulumi preview --json` of a stack whose task definition's JSON is unknown until its image and database exist. */
function previewJson(computedFrom: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rv-preview-"));
  const file = path.join(dir, "preview.json");
  const steps = [
    step(STACK, "pulumi:pulumi:Stack", {}),
    step(IMAGE, "docker:index/image:Image", { imageName: UNKNOWN, build: { context: "/nonexistent/app" } }),
    step(DB, "aws:rds/instance:Instance", { engine: "postgres" }),
    step(TASK, "aws:ecs/taskDefinition:TaskDefinition", { family: "web", containerDefinitions: UNKNOWN }, { containerDefinitions: computedFrom }),
  ];
  fs.writeFileSync(file, JSON.stringify({ config: {}, steps }));
  return file;
}

const taskDiagnostics = (stdout: string) => (JSON.parse(stdout) as Report).stacks[0].diagnostics.filter((d) => d.urn === TASK);

describe("restricted-vendors scan of `pulumi preview --json` output: the preview rule for unknown values", () => {
  beforeAll(() => ensureBuilt());

  it("reports an unknown image computed from another resource as advisory, naming it, and exits 0", () => {
    const run = runCli(["scan", previewJson([DB, IMAGE]), "--as-of", "2024-10-01", "--format", "json"]);
    expect(run.status).toBe(0);
    const diagnostics = taskDiagnostics(run.stdout);
    expect(diagnostics.map((d) => [d.level, d.phase, d.message.split("\n")[0]])).toEqual([
      [
        "advisory",
        "analyzeStack",
        "Could not check yet: the container image is unknown during preview; `pulumi up` checks it once it is resolved, before it creates the resource.",
      ],
    ]);
    expect(diagnostics[0].message).toContain('computed from aws:rds/instance:Instance "db", docker:index/image:Image "web"');
  });

  it("says nothing about an unknown image computed only from the image the stack builds", () => {
    const run = runCli(["scan", previewJson([IMAGE]), "--as-of", "2024-10-01", "--format", "json"]);
    expect(run.status).toBe(0);
    expect(taskDiagnostics(run.stdout)).toEqual([]);
  });
});
