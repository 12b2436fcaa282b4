import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { configFile, ensureBuilt, fixtures, runCli } from "./runCli";
import type { Report } from "../../src/cli/report";

const exportsDir = path.join(fixtures, "exports");

describe("restricted-vendors grandfather", () => {
  beforeAll(() => ensureBuilt());

  it("lists only the resources that existed before the vendor's deny-new date", () => {
    const run = runCli(["grandfather", exportsDir, "--policy-pack-config", configFile, "--as-of", "2024-08-15", "--format", "json"]);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.grandfather!.candidates.map((c) => [c.urn, c.basis])).toEqual([
      ["urn:pulumi:prod::fleet::aws:ec2/instance:Instance::legacy-av-scanner", "created"],
      ["urn:pulumi:staging::fleet::aws:ec2/instance:Instance::old-scanner", "export-time"],
    ]);
  });

  it("prints a config snippet that the policy pack accepts", () => {
    const run = runCli(["grandfather", exportsDir, "--policy-pack-config", configFile, "--as-of", "2024-08-15", "--format", "json"]);
    expect((JSON.parse(run.stdout) as Report).grandfather!.config).toEqual({
      "restricted-vendor-ami": {
        grandfathered: [
          "urn:pulumi:prod::fleet::aws:ec2/instance:Instance::legacy-av-scanner",
          "urn:pulumi:staging::fleet::aws:ec2/instance:Instance::old-scanner",
        ],
      },
    });
  });

  it("freezes what exists: with the snippet merged into the config, the pack itself grandfathers those resources", () => {
    const snippetRun = runCli(["grandfather", exportsDir, "--policy-pack-config", configFile, "--as-of", "2024-08-15", "--format", "json"]);
    const snippet = (JSON.parse(snippetRun.stdout) as Report).grandfather!.config;
    const config = JSON.parse(fs.readFileSync(configFile, "utf8"));
    config["restricted-vendor-ami"].grandfathered = snippet["restricted-vendor-ami"].grandfathered;
    const merged = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rv-gf-")), "config.json");
    fs.writeFileSync(merged, JSON.stringify(config));
    const scan = JSON.parse(runCli(["scan", exportsDir, "--policy-pack-config", merged, "--as-of", "2024-08-15", "--format", "json"]).stdout) as Report;
    const legacy = scan.stacks.flatMap((st) => st.diagnostics).find((d) => d.resourceName === "legacy-av-scanner")!;
    expect(legacy).toMatchObject({ outcome: "grandfathered", grandfathering: null });
    expect(legacy.message).toContain("URN listed in this policy's grandfathered config");
  });

  it("prints the snippet in the text format, ready to paste", () => {
    const run = runCli(["grandfather", path.join(exportsDir, "prod.json"), "--policy-pack-config", configFile, "--as-of", "2024-08-15"]);
    expect(run.stdout).toContain(
      '"restricted-vendor-ami": {\n    "grandfathered": [\n      "urn:pulumi:prod::fleet::aws:ec2/instance:Instance::legacy-av-scanner"',
    );
    expect(run.status).toBe(1);
  });
});
