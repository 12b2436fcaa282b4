import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensureBuilt, repoRoot, runCli } from "./runCli";
import type { Report } from "../../src/cli/report";

const fixturePack = path.join(repoRoot, "test", "fixtures", "emptyPack");
const fixtureExamples = path.join(repoRoot, "test", "fixtures", "examples");

describe("restricted-vendors preview", () => {
  beforeAll(() => ensureBuilt());

  it("runs a program offline and reports the pack's diagnostics, pointing at the line that creates the resource", () => {
    const run = runCli(["preview", path.join(fixtureExamples, "flagged"), "--policy-pack", fixturePack, "--format", "json"]);
    const report = JSON.parse(run.stdout) as Report;
    const flagged = report.stacks[0].diagnostics.find((d) => d.policy === "flagged-resource")!;
    expect(run.status).toBe(1);
    expect(flagged).toMatchObject({ level: "mandatory", resourceName: "t", location: { file: path.join(fixtureExamples, "flagged", "index.ts"), line: 10 } });
    expect(flagged.message).toContain("note=from the example");
  });

  it("judges each program by its expected.json with --check-expected", () => {
    const run = runCli(["preview", fixtureExamples, "--policy-pack", fixturePack, "--check-expected"]);
    expect(run.stdout).toContain("NOT as expected\n    - missing [mandatory] flagged-resource on quiet");
    expect(run.status).toBe(1);
  });

  it("exits 0 with --check-expected when every program is as expected", () => {
    const run = runCli([
      "preview",
      path.join(fixtureExamples, "flagged"),
      path.join(fixtureExamples, "refusedConfig"),
      "--policy-pack",
      fixturePack,
      "--check-expected",
    ]);
    expect(run.status).toBe(0);
  });

  it("reports a program that throws in one line naming it, and exits 2", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rv-throws-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: throws\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "index.ts"), 'throw new Error("subnet id missing from config");\n');
    const run = runCli(["preview", dir, "--policy-pack", fixturePack, "--format", "json"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`error: ${dir}: the program failed: subnet id missing from config\n`);
  });

  it("refuses a directory without a Pulumi program", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rv-empty-"));
    const run = runCli(["preview", dir, "--policy-pack", fixturePack]);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain(`error: ${dir}: no Pulumi.yaml here or in its sub-directories`);
  });
});

describe("restricted-vendors usage", () => {
  beforeAll(() => ensureBuilt());

  it("prints usage with --help and exits 0", () => {
    const run = runCli(["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Usage: restricted-vendors <command>");
  });

  it("refuses an unknown command with exit 2", () => {
    const run = runCli(["audit", "x"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('error: unknown command "audit"');
  });
});
