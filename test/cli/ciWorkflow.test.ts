import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { parseArgs, type CliOptions } from "../../src/cli/args";
import { repoRoot } from "./runCli";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}

const workflow = parse(fs.readFileSync(path.join(repoRoot, "examples", "ci", "restricted-vendors.yml"), "utf8")) as { jobs: Record<string, { steps: Step[] }> };
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

/** The restricted-vendors invocations in the workflow's run steps, parsed as the CLI parses them. */
function cliInvocations(): CliOptions[] {
  return steps
    .filter((s) => s.run?.includes("restricted-vendors scan"))
    .map((s) => {
      const words = s
        .run!.replace(/\|\|.*$/s, "")
        .trim()
        .split(/\s+/);
      return parseArgs(words.slice(words.indexOf("scan"))) as CliOptions;
    });
}

describe("the example CI workflow", () => {
  it("runs pulumi preview with the pack and its config through pulumi/actions", () => {
    const preview = steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
    expect(preview?.with).toMatchObject({ command: "preview", policyPacks: expect.any(String), policyPackConfigs: expect.any(String) });
  });

  it("names the pack's checkout and the config the scans read, relative to the work-dir pulumi/actions runs the CLI in", () => {
    const preview = steps.find((s) => s.uses?.startsWith("pulumi/actions@"))!.with!;
    const packCheckout = steps.find((s) => s.with?.repository?.endsWith("/restricted-vendors"))!.with!.path;
    expect(path.posix.join(preview["work-dir"], preview.policyPacks)).toBe(packCheckout);
    for (const scan of cliInvocations()) expect(scan.policyPackConfig).toBe(path.posix.join(preview["work-dir"], preview.policyPackConfigs));
  });

  it("uploads the SARIF that its scan step writes", () => {
    const sarif = cliInvocations().find((o) => o.format === "sarif");
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(upload?.with?.sarif_file).toBe(sarif?.output);
  });

  it("comments the markdown summary that its scan step writes", () => {
    const markdown = cliInvocations().find((o) => o.format === "markdown");
    const comment = steps.find((s) => s.run?.includes("gh pr comment"));
    expect(comment?.run).toContain(`--body-file ${markdown?.output}`);
  });

  it("lets a scan that finds violations (exit 1) still produce the reports, but not a broken input (exit 2)", () => {
    for (const s of steps.filter((x) => x.run?.includes("restricted-vendors scan"))) {
      expect(s.run).toMatch(/\|\| test \$\? -eq 1\s*$/);
    }
  });
});
