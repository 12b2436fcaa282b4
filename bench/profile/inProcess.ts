import * as path from "path";
import { isWireSecret } from "../../src/harness/wireValues";
import { median } from "../measure";
import { packConfig } from "../packConfig";
import { Workload, buildUserDataWorkload, buildWorkload } from "../workload";

/**
 * The pack's own pipeline without gRPC or protobuf: the built policies (dist/) called as @pulumi/policy calls
 * them, on one of the bench's mixes, so that a CPU profile shows the pack alone.
 *   node --cpu-prof --cpu-prof-dir .bench/profiles -r ts-node/register/transpile-only bench/profile/inProcess.ts --mix user-data
 *     --mix realistic|user-data   which mix (default realistic)
 *     --rounds N                  passes over the mix (default 5); prints the median CPU µs per resource
 *     --pack DIR                  another build of the pack (its dist/) instead of the repository's
 *     --compare DIR               also a second build (a baseline's dist/), its passes alternating with the first's
 */
const MIXES: Record<string, () => Workload> = { realistic: () => buildWorkload(10_000), "user-data": () => buildUserDataWorkload(2_000) };

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * What @pulumi/policy hands a policy: secrets unwrapped to their values, unknowns left as their sentinels, and every
 * string a new one, as each request's decoding makes it (a string the pack saw before has its hash already computed).
 */
function deserialized(value: unknown): unknown {
  if (typeof value === "string") return Buffer.from(value).toString();
  if (isWireSecret(value)) return deserialized(value.value);
  if (Array.isArray(value)) return value.map(deserialized);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deserialized(v)]));
  return value;
}

/** The part of a built policy this driver calls, as the SDK calls it. */
interface BuiltPolicy {
  name: string;
  validateResource(args: unknown, reportViolation: () => void): Promise<void>;
}

/** The three built policies of the pack in `dir` (its dist/). */
function policiesOf(dir: string): BuiltPolicy[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { restrictedVendorPolicies } = require(path.resolve(dir, "dist", "policies")) as { restrictedVendorPolicies(): BuiltPolicy[] };
  return restrictedVendorPolicies();
}

async function main(): Promise<void> {
  const mix = argValue("--mix") ?? "realistic";
  if (!MIXES[mix]) throw new Error(`--mix: unknown mix "${mix}" (mixes: ${Object.keys(MIXES).join(", ")})`);
  const rounds = Number(argValue("--rounds") ?? 5);
  const packs = [argValue("--pack") ?? path.join(__dirname, "..", ".."), argValue("--compare")].filter((dir): dir is string => dir !== undefined);
  const config = packConfig(1);
  const workload = MIXES[mix]().resources;
  // A fresh tree per pass, as every request brings: the pack keeps what it extracted per tree.
  const pass = async (policies: BuiltPolicy[], report: () => void) => {
    const resources = workload.map((r) => ({ type: r.type, urn: r.urn, name: r.name, props: deserialized(r.properties) as Record<string, unknown> }));
    // CPU time, not wall time: on a shared machine the wait for a core is not the pipeline's cost.
    const start = process.cpuUsage();
    for (const resource of resources) {
      for (const policy of policies) {
        const { enforcementLevel: _, ...properties } = config[policy.name] as Record<string, unknown>;
        await policy.validateResource({ ...resource, getConfig: () => properties }, report);
      }
    }
    const used = process.cpuUsage(start);
    return (used.user + used.system) / resources.length;
  };
  const runs = packs.map((dir) => ({ dir, policies: policiesOf(dir), micros: [] as number[], violations: 0 }));
  for (const run of runs) await pass(run.policies, () => void run.violations++);
  // Alternating, so that every build sees the same machine load.
  for (let i = 0; i < rounds; i++) for (const run of runs) run.micros.push(await pass(run.policies, () => void run.violations++));
  for (const run of runs) {
    process.stdout.write(
      `${mix}: ${workload.length} resources, ${median(run.micros).toFixed(1)} CPU µs per resource for the three policies (median of ${rounds}; ${run.micros.map((m) => m.toFixed(1)).join(" ")}); ${run.violations / (rounds + 1)} violations per pass; ${run.dir}\n`,
    );
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
