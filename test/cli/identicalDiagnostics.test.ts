import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runProgram } from "../../src/harness/runProgram";
import { toAnalyzedResources } from "../../src/harness/capturedResource";
import { isWireSecret } from "../../src/harness/wireValues";
import { ensureBuilt, repoRoot, runCli } from "./runCli";
import type { Report } from "../../src/cli/report";

const example = path.join(repoRoot, "examples", "grandfathered-deny-new");

/** Checkpoint form of a wire value, as `pulumi stack export --show-secrets` writes secrets. */
function toCheckpoint(v: unknown): unknown {
  if (isWireSecret(v)) {
    return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(v.value) };
  }
  if (Array.isArray(v)) {
    return v.map(toCheckpoint);
  }
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toCheckpoint(x)]));
  }
  return v;
}

const comparable = (r: Report) =>
  r.stacks.flatMap((s) => s.diagnostics).map((d) => ({ policy: d.policy, level: d.level, urn: d.urn, phase: d.phase, message: d.message }));

describe("scan and the analyzer path", () => {
  it("give identical diagnostics for the same resources", async () => {
    ensureBuilt();
    const previewed = JSON.parse(runCli(["preview", example, "--format", "json"]).stdout) as Report;

    // The same program's resources, written as the stack export a `pulumi up` of it would leave.
    const run = await runProgram(example);
    const resources = toAnalyzedResources(run).map((r) => ({
      urn: r.urn,
      custom: r.type !== "pulumi:pulumi:Stack",
      type: r.type,
      inputs: toCheckpoint(r.properties),
      outputs: toCheckpoint(r.properties),
      ...(r.parent ? { parent: r.parent } : {}),
      ...(r.provider ? { provider: `${r.provider.urn}::0c5b1f9e-provider-id` } : {}),
      dependencies: r.dependencies,
    }));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rv-same-")), "export.json");
    fs.writeFileSync(file, JSON.stringify({ version: 3, deployment: { manifest: {}, resources } }, null, 2));
    const scanned = JSON.parse(runCli(["scan", file, "--policy-pack-config", path.join(example, "policy-config.json"), "--format", "json"]).stdout) as Report;

    expect(comparable(previewed).length).toBeGreaterThan(0);
    expect(comparable(scanned)).toEqual(comparable(previewed));
  }, 180_000);
});
