import * as path from "path";
import { ensureBuilt, repoRoot, runCli } from "./runCli";
import type { Report } from "../../src/cli/report";

// The examples runner is `restricted-vendors preview <dir> --check-expected` (what `npm start` runs on examples/).
const fixturePack = path.join(repoRoot, "test", "fixtures", "emptyPack");
const examplesDir = path.join(repoRoot, "test", "fixtures", "examples");

describe("the examples check (preview --check-expected)", () => {
  let report: Report;
  let text = "";
  let textStatus: number | null = null;

  beforeAll(() => {
    ensureBuilt();
    report = JSON.parse(runCli(["preview", examplesDir, "--policy-pack", fixturePack, "--check-expected", "--format", "json"]).stdout) as Report;
    ({ stdout: text, status: textStatus } = runCli(["preview", examplesDir, "--policy-pack", fixturePack, "--check-expected"]));
  });

  const byName = (n: string) => report.stacks.find((s) => path.basename(s.source) === n)!;

  it("runs every example folder except ci", () => {
    expect(report.stacks.map((s) => path.basename(s.source))).toEqual(["flagged", "refusedConfig", "wrongExpectation"]);
  });

  it("judges an example that produced exactly its stated diagnostics as expected", () => {
    expect(byName("flagged").expectation).toEqual({ asExpected: true, differences: [] });
  });

  it("reports both the missing and the unexpected diagnostic when an expectation is wrong", () => {
    const s = byName("wrongExpectation");
    expect(s.expectation?.asExpected).toBe(false);
    expect(s.expectation?.differences).toEqual([
      "missing [mandatory] flagged-resource on quiet",
      expect.stringMatching(/^unexpected \[mandatory\] flagged-resource on t: flag set on t/),
    ]);
    expect(text).toContain(
      `(${path.join(examplesDir, "wrongExpectation")}; 4 resources; 1 mandatory, 1 advisory)\n  NOT as expected\n    - missing [mandatory] flagged-resource on quiet`,
    );
  });

  it("accepts an example whose stated outcome is a refused config", () => {
    expect(byName("refusedConfig").expectation).toMatchObject({ asExpected: true });
  });

  it("exits 0 when every selected example is as expected", () => {
    const run = runCli([
      "preview",
      path.join(examplesDir, "flagged"),
      path.join(examplesDir, "refusedConfig"),
      "--policy-pack",
      fixturePack,
      "--check-expected",
      "--format",
      "json",
    ]);
    expect((JSON.parse(run.stdout) as Report).stacks.map((s) => s.expectation?.asExpected)).toEqual([true, true]);
    expect(run.status).toBe(0);
  });

  it("exits 1 when an example is not as expected", () => {
    expect(textStatus).toBe(1);
  });
});
