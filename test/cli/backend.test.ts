import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import type { Report } from "../../src/cli/report";
import { checkpointFile, fixtureDeployment, legacyBackend, projectModeBackend, SEALED_CIPHERTEXT, writeBackend } from "./pulumiBackend";
import { configFile, ensureBuilt, runCli, type CliRun } from "./runCli";

const asOf = ["--policy-pack-config", configFile, "--as-of", "2024-08-15"];
const diagnosticOn = (report: Report, name: string) => report.stacks.flatMap((s) => s.diagnostics).find((d) => d.resourceName === name);

describe("restricted-vendors scan of a file:// backend", () => {
  const projectRoot = writeBackend(fs.mkdtempSync(path.join(os.tmpdir(), "rv-backend-")), projectModeBackend());
  const legacyRoot = writeBackend(fs.mkdtempSync(path.join(os.tmpdir(), "rv-legacy-")), legacyBackend());
  const projectUrl = pathToFileURL(projectRoot).href;
  let run: CliRun;
  let report: Report;

  beforeAll(() => {
    ensureBuilt();
    run = runCli(["scan", projectUrl, legacyRoot, ...asOf, "--format", "json"]);
    report = JSON.parse(run.stdout) as Report;
  });

  it("exits 1 when a stack in the backend has a mandatory violation", () => {
    expect(run.status).toBe(1);
  });

  it("reads project-scoped stacks, plain and gzip-compressed, then a legacy-layout backend, in the order given", () => {
    expect(report.stacks.map((s) => [s.source, s.kind, `${s.project}/${s.stack}`])).toEqual([
      [`${projectUrl}/.pulumi/stacks/fleet/prod.json`, "stack-checkpoint", "fleet/prod"],
      [`${projectUrl}/.pulumi/stacks/fleet/staging.json.gz`, "stack-checkpoint", "fleet/staging"],
      [`${pathToFileURL(legacyRoot).href}/.pulumi/stacks/staging.json.gz`, "stack-checkpoint", "fleet/staging"],
    ]);
  });

  it("does not scan backups, update history or locks", () => {
    expect(diagnosticOn(report, "stale-copy")).toBeUndefined();
    expect(report.summary.stacks).toBe(3);
  });

  it("blocks a resource created after the deny-new date", () => {
    expect(diagnosticOn(report, "new-av-scanner")).toMatchObject({
      level: "mandatory",
      outcome: "blocked",
      location: { file: `${projectUrl}/.pulumi/stacks/fleet/prod.json`, line: expect.any(Number) },
    });
  });

  it("grandfathers a resource from the creation time its checkpoint records", () => {
    expect(diagnosticOn(report, "legacy-av-scanner")).toMatchObject({
      outcome: "grandfathered",
      grandfathering: { source: "creation-time", existedAt: "2024-05-01T08:30:00Z" },
    });
  });

  it("grandfathers a resource without a creation time from the time the checkpoint was written", () => {
    expect(diagnosticOn(report, "old-scanner")).toMatchObject({
      outcome: "grandfathered",
      grandfathering: { source: "export-time", existedAt: "2024-06-30T00:00:00Z" },
    });
  });

  it("says in the text report that a grandfathering came from the checkpoint's time", () => {
    const text = runCli(["scan", projectUrl, ...asOf]).stdout;
    expect(text).toContain("grandfathered by this scan from the checkpoint's time 2024-06-30T00:00:00Z (the checkpoint records no creation time)");
  });

  it("leaves secrets encrypted: the ciphertext is neither printed nor matched", () => {
    expect(run.stdout).not.toContain(SEALED_CIPHERTEXT);
    expect(report.stacks[0].diagnostics.filter((d) => d.resourceName === "sealed-box" && d.outcome === "blocked")).toEqual([]);
  });

  it("reports the same stacks in the same order with one pack process", () => {
    const serial = JSON.parse(runCli(["scan", projectUrl, legacyRoot, ...asOf, "--format", "json", "--jobs", "1"]).stdout) as Report;
    expect(serial.stacks).toEqual(report.stacks);
  });

  it("lists what a backend's stacks would need grandfathered", () => {
    const gf = JSON.parse(runCli(["grandfather", projectUrl, ...asOf, "--format", "json"]).stdout) as Report;
    expect(gf.grandfather!.candidates.map((c) => [c.urn, c.basis, c.source])).toEqual([
      ["urn:pulumi:prod::fleet::aws:ec2/instance:Instance::legacy-av-scanner", "created", `${projectUrl}/.pulumi/stacks/fleet/prod.json`],
      ["urn:pulumi:staging::fleet::aws:ec2/instance:Instance::old-scanner", "export-time", `${projectUrl}/.pulumi/stacks/fleet/staging.json.gz`],
    ]);
  });
});

describe("restricted-vendors scan of a file:// backend: which file is a stack's state", () => {
  beforeAll(() => ensureBuilt());

  it("reads the most recently written of prod.json and prod.json.gz, as the Pulumi CLI does", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "rv-variants-"));
    writeBackend(
      root,
      new Map([
        [".pulumi/stacks/fleet/prod.json", checkpointFile("organization/fleet/prod", fixtureDeployment("prod"))],
        [".pulumi/stacks/fleet/prod.json.gz", checkpointFile("organization/fleet/prod", fixtureDeployment("staging"), "gzip")],
      ]),
    );
    const past = new Date("2024-01-01T00:00:00Z");
    fs.utimesSync(path.join(root, ".pulumi/stacks/fleet/prod.json"), past, past);
    const report = JSON.parse(runCli(["scan", `file://${root}`, ...asOf, "--format", "json"]).stdout) as Report;
    expect(report.stacks.map((s) => s.source)).toEqual([`file://${root}/.pulumi/stacks/fleet/prod.json.gz`]);
  });
});

describe("restricted-vendors scan of backends it cannot read", () => {
  beforeAll(() => ensureBuilt());

  it("names each unreadable backend on one line, says how to export azblob:// and gs:// stacks instead, and exits 2", () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "rv-empty-"));
    fs.mkdirSync(path.join(empty, ".pulumi"));
    const run = runCli(["scan", "azblob://state", "gs://state/org", `file://${empty}`, "file:///no/such/state", ...asOf, "--format", "json"]);
    expect(run.status).toBe(2);
    expect((JSON.parse(run.stdout) as Report).errors).toEqual([
      {
        source: "azblob://state",
        problem: expect.stringMatching(
          /^azblob:\/\/ backends are not read directly: run `pulumi login azblob:\/\/state`, .*`pulumi stack export --stack <org\/project\/stack> --file <stack>\.json`/,
        ),
      },
      { source: "gs://state/org", problem: expect.stringContaining("gs:// backends are not read directly") },
      { source: `file://${empty}`, problem: expect.stringContaining("no stacks in .pulumi/stacks") },
      { source: "file:///no/such/state", problem: "no .pulumi folder in /no/such/state: not a Pulumi state backend" },
    ]);
    expect(run.stderr.split("\n").filter((l) => l.startsWith("error: "))).toHaveLength(4);
  });
});
