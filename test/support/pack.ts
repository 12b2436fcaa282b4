import * as path from "path";
import { PackProcess, startPack } from "../../src/harness/packProcess";
import { AnalyzedResource, Diagnostic } from "../../src/harness/types";
import { urnFor } from "../../src/harness/wireValues";

export const REPO_ROOT = path.join(__dirname, "..", "..");

/**
 * One pack process per test file, started exactly as the Pulumi CLI starts it: for a preview (`pulumi preview`,
 * PULUMI_DRY_RUN=true) or for an update (`pulumi up`, false), where an unknown value fails closed.
 */
export function usePack(mode: { dryRun: boolean }): () => PackProcess {
  let pack: PackProcess | undefined;
  beforeAll(async () => {
    pack = await startPack(REPO_ROOT, { dryRun: mode.dryRun });
  });
  afterAll(async () => {
    await pack?.stop();
  });
  return () => pack!;
}

export function resource(type: string, name: string, properties: Record<string, unknown>, extra: Partial<AnalyzedResource> = {}): AnalyzedResource {
  return { type, name, urn: urnFor(type, name), properties, ...extra };
}

export function ofPolicy(diagnostics: Diagnostic[], policyName: string): Diagnostic[] {
  return diagnostics.filter((d) => d.policyName === policyName);
}
