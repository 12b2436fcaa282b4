import * as path from "path";
import { runProgram } from "../../src/harness/runProgram";
import { toAnalyzedResources } from "../../src/harness/capturedResource";
import { analyzeResources } from "../../src/harness/analyzeResources";
import type { AnalyzedResource } from "../../src/harness/types";
import { UNKNOWN } from "../../src/harness/wireValues";
import { startPack } from "../../src/harness/packProcess";
import { REPO_ROOT } from "../support/pack";

const program = path.join(__dirname, "..", "fixtures", "resourceInputsProgram");
const networkUrn = "urn:pulumi:dev::harness-resource-inputs::example:index:Network::net";

async function analyzedByName(preview: boolean): Promise<Map<string, AnalyzedResource>> {
  const run = await runProgram(program, { preview });
  return new Map(toAnalyzedResources(run).map((r) => [r.name, r]));
}

describe("resources passed as inputs, as the engine sends them to an analyzer", () => {
  let atPreview: Map<string, AnalyzedResource>;
  let atUpdate: Map<string, AnalyzedResource>;

  beforeAll(async () => {
    [atPreview, atUpdate] = await Promise.all([analyzedByName(true), analyzedByName(false)]);
  });

  it("sends a custom resource not yet created as an unknown during preview", () => {
    expect(atPreview.get("app-ssm")?.properties.role).toBe(UNKNOWN);
  });

  it("sends a custom resource as its id during an update", () => {
    expect(atUpdate.get("app-ssm")?.properties.role).toBe("app-id");
  });

  it("sends a component as its URN, which is all the engine has for it", () => {
    expect(atPreview.get("svc")?.properties).toEqual({ network: networkUrn, role: UNKNOWN });
  });

  it.each([
    ["a preview", true],
    ["an update", false],
  ])("lets the pack analyze every resource of the program without an error during %s", async (_, dryRun) => {
    const pack = await startPack(REPO_ROOT, { dryRun });
    try {
      await pack.configure({});
      await expect(analyzeResources(pack, [...(dryRun ? atPreview : atUpdate).values()])).resolves.toEqual([]);
    } finally {
      await pack.stop();
    }
  });
});
