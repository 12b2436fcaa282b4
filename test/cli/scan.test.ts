import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { configFile, ensureBuilt, fixtures, runCli, type CliRun } from "./runCli";
import type { Report } from "../../src/cli/report";

const exportsDir = path.join(fixtures, "exports");
const prodExport = path.join(exportsDir, "prod.json");

function jsonReport(run: CliRun): Report {
  return JSON.parse(run.stdout) as Report;
}

describe("restricted-vendors scan", () => {
  let duringDenyNew: CliRun;

  beforeAll(() => {
    ensureBuilt();
    duringDenyNew = runCli(["scan", exportsDir, "--policy-pack-config", configFile, "--as-of", "2024-08-15", "--format", "json"]);
  });

  const diagnosticOn = (report: Report, name: string) => report.stacks.flatMap((s) => s.diagnostics).find((d) => d.resourceName === name)!;

  it("exits 1 when a mandatory violation is found", () => {
    expect(duringDenyNew.status).toBe(1);
  });

  it("blocks a resource created after the vendor's deny-new date", () => {
    expect(diagnosticOn(jsonReport(duringDenyNew), "new-av-scanner")).toMatchObject({ level: "mandatory", outcome: "blocked", grandfathering: null });
  });

  it("grandfathers a resource created before the deny-new date and says it came from its creation time", () => {
    expect(diagnosticOn(jsonReport(duringDenyNew), "legacy-av-scanner")).toMatchObject({
      level: "advisory",
      outcome: "grandfathered",
      grandfathering: { source: "creation-time", existedAt: "2024-05-01T08:30:00Z", denyNewFrom: "2024-07-20" },
    });
  });

  it("falls back to the export's time when the export records no creation time", () => {
    expect(diagnosticOn(jsonReport(duringDenyNew), "old-scanner").grandfathering).toEqual({
      source: "export-time",
      existedAt: "2024-06-30T00:00:00Z",
      denyNewFrom: "2024-07-20",
    });
  });

  it("reports per stack with the fields a dashboard needs", () => {
    const report = jsonReport(duringDenyNew);
    expect(report.stacks.map((s) => [`${s.project}/${s.stack}`, s.summary])).toEqual([
      ["fleet/prod", { mandatory: 1, advisory: 1 }],
      ["fleet/staging", { mandatory: 0, advisory: 1 }],
    ]);
    expect(diagnosticOn(report, "new-av-scanner")).toMatchObject({
      policy: "restricted-vendor-ami",
      urn: "urn:pulumi:prod::fleet::aws:ec2/instance:Instance::new-av-scanner",
      propertyPath: "ami",
      vendor: { id: "kaspersky-endpoint-images" },
      legalBasis: [{ citation: "89 FR 52434-52437 (2024-06-24), FR Doc 2024-13532" }],
      window: "deny-new since 2024-07-20; next: deny from 2024-09-29T04:00:00Z",
      location: { file: prodExport, line: expect.any(Number) },
    });
    expect(diagnosticOn(report, "new-av-scanner").reference).toContain("ami-0a1b2c3d4e5f60001");
  });

  it("points each diagnostic at the resource's line in the export", () => {
    const d = diagnosticOn(jsonReport(duringDenyNew), "new-av-scanner");
    const line = fs.readFileSync(prodExport, "utf8").split("\n")[d.location!.line - 1];
    expect(line).toContain('"urn": "urn:pulumi:prod::fleet::aws:ec2/instance:Instance::new-av-scanner"');
  });

  it("says in the text report where grandfathering came from", () => {
    const text = runCli(["scan", prodExport, "--policy-pack-config", configFile, "--as-of", "2024-08-15"]);
    expect(text.stdout).toContain("grandfathered by this scan from its creation time 2024-05-01T08:30:00Z, before the vendor's deny-new date 2024-07-20");
  });

  it("only warns before the deny-new date and then exits 0", () => {
    const before = runCli(["scan", exportsDir, "--policy-pack-config", configFile, "--as-of", "2024-07-01", "--format", "json"]);
    expect(before.status).toBe(0);
    const levels = jsonReport(before)
      .stacks.flatMap((s) => s.diagnostics)
      .map((d) => d.level);
    expect(new Set(levels)).toEqual(new Set(["advisory"]));
  });

  it("reads `pulumi preview --json` output, checking the new states", () => {
    const run = runCli(["scan", path.join(fixtures, "preview.json"), "--policy-pack-config", configFile, "--as-of", "2024-08-15", "--format", "json"]);
    const report = jsonReport(run);
    expect(report.stacks[0]).toMatchObject({ kind: "preview-json", project: "shop", stack: "dev" });
    expect(report.stacks[0].diagnostics.map((d) => [d.resourceName, d.level])).toEqual([["checkout-scanner", "mandatory"]]);
  });

  it("never quotes secret inputs in any format", () => {
    for (const format of ["text", "json", "sarif", "markdown"]) {
      const run = runCli(["scan", prodExport, "--policy-pack-config", configFile, "--as-of", "2024-08-15", "--format", format]);
      expect(run.stdout).not.toContain("SECRET-TOKEN-123");
      expect(run.stdout.length).toBeGreaterThan(100);
    }
  }, 180_000);

  it("writes the report to --output and nothing to standard output", () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rv-out-")), "report.json");
    const run = runCli(["scan", prodExport, "--policy-pack-config", configFile, "--as-of", "2024-08-15", "--format", "json", "--output", out]);
    expect(run.stdout).toBe("");
    expect((JSON.parse(fs.readFileSync(out, "utf8")) as Report).summary.mandatory).toBe(1);
  });
});

describe("restricted-vendors scan of state holding resource references", () => {
  beforeAll(() => ensureBuilt());

  it("analyzes a resource passed as an input (a role given to a policy attachment) as the engine would, by its id", () => {
    const exported = JSON.parse(fs.readFileSync(prodExport, "utf8"));
    const reference = {
      "4dabf18193072939515e22adb298388d": "5cf8f73096256a8f31e491e813e4eb8e",
      urn: "urn:pulumi:prod::fleet::aws:iam/role:Role::app",
      id: "app-role",
      packageVersion: "7.48.0",
    };
    const attachment = {
      urn: "urn:pulumi:prod::fleet::aws:iam/rolePolicyAttachment:RolePolicyAttachment::app",
      custom: true,
      id: "app-attach",
      type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      inputs: { role: reference, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
      outputs: { role: "app-role", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
    };
    exported.deployment.resources.push(attachment);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rv-ref-")), "prod.json");
    fs.writeFileSync(file, JSON.stringify(exported));
    const report = jsonReport(runCli(["scan", file, "--policy-pack-config", configFile, "--as-of", "2024-08-15", "--format", "json"]));
    expect(report.errors).toEqual([]);
    expect(report.stacks.map((s) => s.stack)).toEqual(["prod"]);
  });
});

describe("restricted-vendors scan with bad input", () => {
  beforeAll(() => ensureBuilt());

  it("still reports the good files when one is broken, names each failure, and exits 2", () => {
    const run = runCli(["scan", exportsDir, path.join(fixtures, "broken"), "--policy-pack-config", configFile, "--as-of", "2024-08-15", "--format", "json"]);
    const report = jsonReport(run);
    expect(run.status).toBe(2);
    expect(report.stacks.map((s) => s.stack)).toEqual(["prod", "staging"]);
    expect(report.errors).toEqual([
      {
        source: path.join(fixtures, "broken", "old-version.json"),
        problem: "stack export version 2 is not supported (expected 3, as `pulumi stack export` writes)",
      },
      { source: path.join(fixtures, "broken", "truncated.json"), problem: expect.stringMatching(/^malformed JSON: /) },
    ]);
  });

  it("prints one line per failed file on stderr, without a stack trace", () => {
    const run = runCli(["scan", path.join(fixtures, "broken"), "--policy-pack-config", configFile, "--format", "json"]);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^error: .*old-version\.json: stack export version 2 is not supported/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("names a missing file and exits 2", () => {
    const run = runCli(["scan", "no-such-export.json"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain("error: no-such-export.json: no such file or directory");
  });

  it("refuses a config with an unknown key in one line naming the file and the key", () => {
    const bad = path.join(fixtures, "config-unknown-key.json");
    const run = runCli(["scan", prodExport, "--policy-pack-config", bad]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(new RegExp(`^error: ${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: restricted-vendor-ami: .*grandfatherd`));
  });

  it("refuses a malformed --as-of", () => {
    const run = runCli(["scan", prodExport, "--as-of", "next tuesday"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('error: --as-of "next tuesday" is not an ISO 8601 date');
  });

  it("refuses an unknown format", () => {
    const run = runCli(["scan", prodExport, "--format", "xml"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("error: --format must be one of text, json, sarif, markdown");
  });
});
