import * as fs from "fs";
import * as path from "path";
import { analyzeResources } from "../../src/harness/analyzeResources";
import { toAnalyzedResources } from "../../src/harness/capturedResource";
import { startPack } from "../../src/harness/packProcess";
import { formatPoliciesSection } from "../../src/harness/pulumiStyleReport";
import { runProgram } from "../../src/harness/runProgram";

const example = path.join(__dirname, "..", "fixtures", "examples", "flagged");
const packDir = path.join(__dirname, "..", "fixtures", "emptyPack");

describe("the Policies section", () => {
  let output = "";

  beforeAll(async () => {
    const pack = await startPack(packDir, { dryRun: true });
    try {
      await pack.configure(JSON.parse(fs.readFileSync(path.join(example, "policy-config.json"), "utf8")));
      const run = await runProgram(example, { mocksFile: path.join(example, "mocks.json") });
      await pack.configureStack({ stack: run.stack, project: run.project, dryRun: true });
      const diagnostics = await analyzeResources(pack, toAnalyzedResources(run));
      const info = await pack.info();
      output = formatPoliciesSection(
        { name: info.name, version: info.version, source: `local: ${path.relative(process.cwd(), pack.packDir) || "."}` },
        diagnostics,
      );
    } finally {
      await pack.stop();
    }
  });

  it("prints the violation the way pulumi preview's Policies section does", () => {
    expect(output).toContain("    ❌ harness-fixture@v0.0.1 (local: ");
    expect(output).toContain(
      "        - [mandatory]  flagged-resource  (test:index:Thing: t)\n          Reports resources whose input 'flag' is true.\n          flag set on t;",
    );
  });
});
