import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateExport } from "./generateLargeExport";
import { configFile, ensureBuilt, repoRoot, runCli } from "./runCli";
import type { Report } from "../../src/cli/report";

describe("a scan of a generated export", () => {
  it("checks every resource and grandfathers the restricted ones created before the deny-new date", () => {
    ensureBuilt();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rv-large-")), "export.json");
    fs.writeFileSync(file, JSON.stringify(generateExport(3000), null, 4));
    const run = runCli(["scan", file, "--policy-pack-config", configFile, "--as-of", "2024-08-15", "--format", "json"]);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary).toMatchObject({ stacks: 1, resources: 3000, mandatory: 0, inputErrors: 0 });
    expect(report.stacks[0].diagnostics.map((d) => [d.resourceName, d.outcome, d.grandfathering?.source])).toEqual([
      ["res-1", "grandfathered", "creation-time"],
      ["res-2001", "grandfathered", "creation-time"],
    ]);
  }, 180_000);

  it("shares the Analyze requests of a stack of 5,000 resources between the packs of --jobs 2, with the report one pack writes", () => {
    ensureBuilt();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rv-large-"));
    const file = path.join(dir, "export.json");
    fs.writeFileSync(file, JSON.stringify(generateExport(5000), null, 4));
    const scan = (jobs: string) => {
      const output = path.join(dir, `jobs-${jobs}.json`);
      const run = runCli(
        ["scan", file, "--policy-pack-config", configFile, "--as-of", "2024-08-15", "--jobs", jobs, "--format", "json", "--output", output],
        repoRoot,
        {
          RESTRICTED_VENDORS_STATS: "1",
        },
      );
      const { generatedAt: _, ...report } = JSON.parse(fs.readFileSync(output, "utf8")) as Report;
      return { run, report };
    };
    const one = scan("1");
    const two = scan("2");
    expect(one.run.stderr).toMatch(/, policy pack \d+ MB/);
    expect(two.run.stderr).toMatch(/, 2 policy packs \d+ MB/);
    expect(two.report).toEqual(one.report);
  }, 240_000);
});
