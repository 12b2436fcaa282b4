import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PackProcess } from "../src/harness/packProcess";
import { writeEmptyPack, writeNoopPack } from "./emptyPack";
import { BenchContext, EMPTY, NOOP, REAL, StepResult, analyze, catalogScaling, coldStart } from "./measurements";
import { orgScan } from "./orgScan";
import { met, table } from "./report";
import { startConfigured } from "./steps";
import { buildUserDataWorkload, buildWorkload } from "./workload";

/**
 * `npm run bench`: every measurement of issues 6 and 17 against a generated empty pack and a no-op pack, in one process.
 *   --only cold,analyze,catalog,org   run some steps (for profiling one of them; `--only org` is issue 14's organisation scan)
 *   --profile                     write V8 CPU profiles of the real pack's processes (analyze, catalog) to .bench/profiles
 *   --pack DIR                    measure another build of the pack (e.g. a candidate fix) instead of the repository
 */
const RESOURCES = 10_000;
const USER_DATA_RESOURCES = 2_000;
const STEPS: Record<string, (ctx: BenchContext) => Promise<StepResult>> = { cold: coldStart, analyze, catalog: catalogScaling, org: orgScan };

const repoRoot = path.resolve(__dirname, "..");
const workDir = path.join(repoRoot, ".bench");
const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function profilingEnv(): NodeJS.ProcessEnv | undefined {
  if (!process.argv.includes("--profile")) return undefined;
  const dir = path.join(workDir, "profiles");
  fs.mkdirSync(dir, { recursive: true });
  return { BENCH_PROFILE_DIR: dir, NODE_OPTIONS: `--require ${path.join(__dirname, "profile", "cpuProfileHook.js")}` };
}

async function main(): Promise<void> {
  const started = Date.now();
  if (!fs.existsSync(path.join(repoRoot, "dist", "index.js"))) throw new Error("dist/index.js is missing: run `npm run build` first (`npm run bench` does)");
  const only = argValue("--only")?.split(",") ?? Object.keys(STEPS);
  const unknownStep = only.find((s) => !(s in STEPS));
  if (unknownStep) throw new Error(`--only: unknown step "${unknownStep}" (steps: ${Object.keys(STEPS).join(", ")})`);

  const packDir = path.resolve(argValue("--pack") ?? repoRoot);
  const running = new Set<PackProcess>();
  const ctx: BenchContext = {
    packDir,
    emptyDir: writeEmptyPack(repoRoot, path.join(workDir, "empty-pack")),
    noopDir: writeNoopPack(repoRoot, path.join(workDir, "noop-pack")),
    workload: buildWorkload(RESOURCES),
    userDataWorkload: buildUserDataWorkload(USER_DATA_RESOURCES),
    realPackEnv: profilingEnv(),
    start: (dir, config, env) => startConfigured(dir, config, env, (p) => running.add(p)),
    log,
  };
  log(`load average ${load()}; ${os.cpus().length} cores; node ${process.version}; pack ${packDir}`);
  const results: StepResult[] = [];
  const durations: string[] = [];
  try {
    for (const step of only) {
      const stepStarted = Date.now();
      results.push(await STEPS[step](ctx));
      durations.push(`${step} ${((Date.now() - stepStarted) / 1000).toFixed(0)} s`);
      await Promise.all([...running].map((p) => p.stop()));
      running.clear();
    }
  } finally {
    await Promise.all([...running].map((p) => p.stop()));
  }

  const rows = results.flatMap((r) => r.rows);
  const notes = [
    ...results.flatMap((r) => r.notes),
    `Load average at the end ${load()}; the bench took ${((Date.now() - started) / 1000).toFixed(0)} s (${durations.join(", ")}).`,
  ];
  const unmet = [...rows.filter((r) => !met(r)).map((r) => r.measurement), ...results.flatMap((r) => r.table?.unmet ?? [])];
  const measured = packDir === repoRoot ? "the repository's build (dist/)" : `${path.relative(repoRoot, packDir) || packDir}, not the repository's build`;
  const output = [
    `Pack under test: ${measured}; steps: ${only.join(", ")}.`,
    "",
    ...(rows.length > 0 ? [table(rows, EMPTY, NOOP, REAL), ""] : []),
    ...results.flatMap((r) => (r.table ? [r.table.markdown, ""] : [])),
    ...notes.map((n) => `- ${n}`),
    "",
    unmet.length === 0 ? "All targets met." : `Targets not met: ${unmet.join("; ")}.`,
    "",
  ].join("\n");
  process.stdout.write(output);
  fs.writeFileSync(path.join(workDir, "latest.md"), output);
  fs.writeFileSync(path.join(workDir, "latest.json"), `${JSON.stringify(Object.assign({}, ...results.map((r) => r.samples)), null, 1)}\n`);
  if (ctx.realPackEnv) {
    const profiled = only.filter((step) => step !== "cold");
    log(
      profiled.length > 0
        ? `CPU profiles of the real pack's processes (${profiled.join(", ")}): ${path.join(workDir, "profiles")}`
        : "--profile: cold starts are not profiled, so no profile was written",
    );
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
