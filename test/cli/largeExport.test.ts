import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateExport } from "./generateLargeExport";
import { configFile, ensureBuilt, runCli } from "./runCli";
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
});
