import type { PackProcess } from "../src/harness/packProcess";
import type { AnalyzedResource } from "../src/harness/types";
import { cpuSeconds, median, peakRssMiB } from "./measure";
import { AS_OF, packConfig } from "./packConfig";
import { Row, fmt } from "./report";
import { PassResult, analyzePass, analyzeStackPass, coldStarts } from "./steps";
import { additionalVendors, identifierCount } from "./testData";
import type { Workload } from "./workload";

export const EMPTY = "empty pack";
export const NOOP = "no-op pack (SDK floor)";
export const REAL = "restricted-vendors";
const PACKS = [EMPTY, NOOP, REAL];

const COLD_START_RUNS = 9;
/** Throughput passes are timed in chunks, alternating between the packs chunk by chunk. */
const CHUNK = 1000;
const STACK_ROUNDS = 3;
const LARGE_CATALOG = 1000;
/** Start-ups of each catalog's pack in the catalog-scaling step. */
const START_ROUNDS = 3;
const WARMUP = 1000;
/** The user-data mix's chunks: its requests are a few KiB each, so fewer of them make a chunk as long. */
const USER_DATA_CHUNK = 250;

export interface BenchContext {
  /** The restricted-vendors pack under test: the repository root unless --pack names another build. */
  packDir: string;
  emptyDir: string;
  /** Three policies with the pack's names that do nothing: what @pulumi/policy itself costs. */
  noopDir: string;
  workload: Workload;
  /** EC2 instances with boot scripts of a few KiB, the mix that exercises the text readers. */
  userDataWorkload: Workload;
  /** Environment for the real pack's processes (CPU profiling). */
  realPackEnv?: NodeJS.ProcessEnv;
  /** Starts a configured pack that is stopped at the end, whatever happens. */
  start(dir: string, config: unknown, env?: NodeJS.ProcessEnv): Promise<PackProcess>;
  log(line: string): void;
}

export interface StepResult {
  rows: Row[];
  notes: string[];
  /** Every sample behind the medians, written to .bench/latest.json. */
  samples: Record<string, unknown>;
  /** A measurement against other baselines than the empty pack, in its own table with absolute targets. */
  table?: { markdown: string; unmet: string[] };
}

const medianOf = (passes: PassResult[], pick: (p: PassResult) => number) => median(passes.map(pick));
const rateOf = (chunks: PassResult[]) => median(chunks.map((c) => c.resources / c.seconds));
const timePerResource = (chunks: PassResult[]) => median(chunks.map((c) => c.seconds / c.resources));
const cpuPerResource = (chunks: PassResult[]) => median(chunks.map((c) => c.packCpuSeconds / c.resources));
const total = (chunks: PassResult[], pick: (p: PassResult) => number) => chunks.reduce((sum, c) => sum + pick(c), 0);

/**
 * The ratio chunk by chunk: the same resources, timed one right after the other. Their spread shows how much
 * of a verdict near a target is the machine's noise rather than the pack.
 */
function chunkRatios(chunks: Map<string, PassResult[]>): string {
  const ratios = chunks
    .get(REAL)!
    .map((real, i) => real.seconds / real.resources / (chunks.get(EMPTY)![i].seconds / chunks.get(EMPTY)![i].resources))
    .sort((a, b) => a - b);
  const quartile = (q: number) => ratios[Math.round(q * (ratios.length - 1))].toFixed(2);
  return `from ${quartile(0)} to ${quartile(1)} (quartiles ${quartile(0.25)}, ${quartile(0.5)}, ${quartile(0.75)})`;
}

/**
 * Each pack analyzes every resource once, timed in chunks of CHUNK, the packs taking turns chunk by chunk
 * (A B B A ...): a change in machine load, which other work on a shared machine causes, hits both packs alike,
 * and the median over chunks ignores a chunk that a burst of other work disturbed.
 */
async function interleavedChunks(
  packs: Map<string, PackProcess>,
  resources: AnalyzedResource[],
  concurrency: number,
  chunkSize = CHUNK,
): Promise<Map<string, PassResult[]>> {
  const labels = [...packs.keys()];
  const results = new Map<string, PassResult[]>(labels.map((l) => [l, []]));
  for (let start = 0, turn = 0; start < resources.length; start += chunkSize, turn++) {
    const chunk = resources.slice(start, start + chunkSize);
    for (const label of turn % 2 === 0 ? labels : [...labels].reverse()) results.get(label)!.push(await analyzePass(packs.get(label)!, chunk, concurrency));
  }
  return results;
}

/** Runs `run` for each label `count` times, alternating which goes first so drift in machine load hits both alike. */
async function rounds<T>(count: number, labels: string[], run: (label: string) => Promise<T>): Promise<Map<string, T[]>> {
  const results = new Map<string, T[]>(labels.map((l) => [l, []]));
  for (let round = 0; round < count; round++) {
    for (const label of round % 2 === 0 ? labels : [...labels].reverse()) results.get(label)!.push(await run(label));
  }
  return results;
}

export async function coldStart(ctx: BenchContext): Promise<StepResult> {
  ctx.log(`[1] cold start: ${COLD_START_RUNS} runs of each pack, interleaved`);
  const dirs: Record<string, string> = { [EMPTY]: ctx.emptyDir, [NOOP]: ctx.noopDir, [REAL]: ctx.packDir };
  const cold = await coldStarts(
    PACKS.map((label) => ({ label, dir: dirs[label] })),
    COLD_START_RUNS,
  );
  const m = (label: string) => median(cold.get(label)!);
  const runs = (label: string) =>
    cold
      .get(label)!
      .map((s) => s.toFixed(2))
      .join(" ");
  return {
    rows: [
      {
        measurement: `cold start to port (median of ${COLD_START_RUNS})`,
        baseline: fmt.seconds(m(EMPTY)),
        floor: withRatio(fmt.seconds(m(NOOP)), m(NOOP) / m(EMPTY)),
        pack: fmt.seconds(m(REAL)),
        ratio: m(REAL) / m(EMPTY),
        target: { op: "<=", value: 1.1 },
      },
    ],
    notes: [`Cold start runs (s): empty ${runs(EMPTY)}; no-op ${runs(NOOP)}; restricted-vendors ${runs(REAL)}.`],
    samples: { coldStartSeconds: Object.fromEntries(cold) },
  };
}

const withRatio = (value: string, ratio: number) => `${value} (${ratio.toFixed(2)}×)`;

/** The Analyze rows of one mix and mode: time per resource against its target, then the pack CPU and the pack's own cost. */
function analyzeRows(mix: string, mode: string, chunks: Map<string, PassResult[]>, target: number): Row[] {
  const time = (label: string) => timePerResource(chunks.get(label)!);
  const cpu = (label: string) => cpuPerResource(chunks.get(label)!);
  return [
    {
      measurement: `Analyze time per resource, ${mix}, ${mode} (median of ${chunks.get(REAL)!.length} chunks)`,
      baseline: fmt.micros(time(EMPTY)),
      floor: withRatio(fmt.micros(time(NOOP)), time(NOOP) / time(EMPTY)),
      pack: fmt.micros(time(REAL)),
      ratio: time(REAL) / time(EMPTY),
      target: { op: "<=", value: target },
    },
    {
      measurement: `pack CPU per Analyze, ${mix}, ${mode}; the pack's own cost is ${fmt.micros(cpu(REAL) - cpu(NOOP))} above the no-op pack`,
      baseline: fmt.micros(cpu(EMPTY)),
      floor: withRatio(fmt.micros(cpu(NOOP)), cpu(NOOP) / cpu(EMPTY)),
      pack: fmt.micros(cpu(REAL)),
      ratio: cpu(REAL) / cpu(EMPTY),
    },
  ];
}

/**
 * Steps 2, 3 and 5 share the three pack processes: Analyze on the realistic mix then on the user-data mix, then
 * peak RSS, then AnalyzeStack (which would raise the peak).
 */
export async function analyze(ctx: BenchContext): Promise<StepResult> {
  const resources = ctx.workload.resources;
  const userData = ctx.userDataWorkload.resources;
  const n = resources.length;
  ctx.log(
    `[2] Analyze: ${n} resources of the realistic mix per pack sequentially, then with 64 in flight, then ${userData.length} of the user-data mix; chunks alternate between the packs`,
  );
  const config = packConfig(1);
  const dirs: Record<string, string> = { [EMPTY]: ctx.emptyDir, [NOOP]: ctx.noopDir, [REAL]: ctx.packDir };
  const packs = new Map<string, PackProcess>();
  for (const label of PACKS) packs.set(label, await ctx.start(dirs[label], config, label === REAL ? ctx.realPackEnv : undefined));
  for (const pack of packs.values()) await analyzePass(pack, resources.slice(0, WARMUP), 64);
  const sequential = await interleavedChunks(packs, resources, 1);
  const parallel = await interleavedChunks(packs, resources, 64);
  for (const pack of packs.values()) await analyzePass(pack, userData.slice(0, USER_DATA_CHUNK), 64);
  const userDataSequential = await interleavedChunks(packs, userData, 1, USER_DATA_CHUNK);
  const userDataParallel = await interleavedChunks(packs, userData, 64, USER_DATA_CHUNK);
  const rss = new Map([...packs].map(([label, pack]) => [label, peakRssMiB(pack.pid)]));

  ctx.log(`[3] AnalyzeStack: ${STACK_ROUNDS} requests of ${n} resources to each pack`);
  const stack = await rounds(STACK_ROUNDS, PACKS, (label) => analyzeStackPass(packs.get(label)!, resources));

  const stackSeconds = (label: string) => medianOf(stack.get(label)!, (p) => p.seconds);
  const stackCpu = (label: string) => medianOf(stack.get(label)!, (p) => p.packCpuSeconds);
  const blocked = total(sequential.get(REAL)!, (c) => c.blocked);
  const userDataBlocked = total(userDataSequential.get(REAL)!, (c) => c.blocked);
  if (blocked === 0 || userDataBlocked === 0)
    throw new Error("the pack blocked nothing: its configuration was not applied, so the measurement would be of a pack doing no work");
  const othersDiagnostics = [EMPTY, NOOP].map((label) =>
    total([...sequential.get(label)!, ...parallel.get(label)!, ...userDataSequential.get(label)!], (c) => c.diagnostics),
  );
  const w = ctx.workload;
  return {
    rows: [
      ...analyzeRows("realistic mix", "sequential", sequential, 1.1),
      ...analyzeRows("realistic mix", "64 in flight", parallel, 1.1),
      ...analyzeRows("user-data mix", "sequential", userDataSequential, 1.15),
      ...analyzeRows("user-data mix", "64 in flight", userDataParallel, 1.15),
      {
        measurement: `AnalyzeStack, ${n / 1000}k resources in one request (median of ${STACK_ROUNDS})`,
        baseline: fmt.seconds(stackSeconds(EMPTY)),
        floor: withRatio(fmt.seconds(stackSeconds(NOOP)), stackSeconds(NOOP) / stackSeconds(EMPTY)),
        pack: fmt.seconds(stackSeconds(REAL)),
        ratio: stackSeconds(REAL) / stackSeconds(EMPTY),
        target: { op: "<=", value: 1.5 },
      },
      {
        measurement: "pack CPU per AnalyzeStack",
        baseline: fmt.seconds(stackCpu(EMPTY)),
        floor: withRatio(fmt.seconds(stackCpu(NOOP)), stackCpu(NOOP) / stackCpu(EMPTY)),
        pack: fmt.seconds(stackCpu(REAL)),
        ratio: stackCpu(REAL) / stackCpu(EMPTY),
      },
      {
        measurement: "peak RSS (VmHWM) after step 2",
        baseline: fmt.mib(rss.get(EMPTY)!),
        floor: withRatio(fmt.mib(rss.get(NOOP)!), rss.get(NOOP)! / rss.get(EMPTY)!),
        pack: fmt.mib(rss.get(REAL)!),
        ratio: rss.get(REAL)! / rss.get(EMPTY)!,
        target: { op: "<=", value: 1.3 },
      },
    ],
    notes: [
      `Realistic mix: ${n} resources (${Object.entries(w.byKind)
        .map(([k, c]) => `${k} ${c}`)
        .join(", ")}); ${w.restricted} (${((100 * w.restricted) / n).toFixed(1)}%) reference a restricted vendor, ` +
        `${w.unknown} have an image unknown during preview. The pack blocked ${blocked} resources with ${total(sequential.get(REAL)!, (c) => c.diagnostics)} diagnostics (asOf ${AS_OF}).`,
      `User-data mix: ${userData.length} EC2 instances whose boot script (a shell script with here-documents, variables and a Helm command, a cloud-config, or the shell script in base64, in turn) ` +
        `is 3 to 7 KiB; ${ctx.userDataWorkload.restricted} run a restricted image, and the pack blocked ${userDataBlocked}. The empty and no-op packs reported ${othersDiagnostics.join(" and ")} diagnostics.`,
      `Analyze time ratio chunk by chunk: realistic sequential ${chunkRatios(sequential)}; 64 in flight ${chunkRatios(parallel)}; user-data sequential ${chunkRatios(userDataSequential)}; 64 in flight ${chunkRatios(userDataParallel)}.`,
    ],
    samples: {
      sequential: Object.fromEntries(sequential),
      inFlight64: Object.fromEntries(parallel),
      userDataSequential: Object.fromEntries(userDataSequential),
      userDataInFlight64: Object.fromEntries(userDataParallel),
      analyzeStack: Object.fromEntries(stack),
      peakRssMiB: Object.fromEntries(rss),
    },
  };
}

interface StartSample {
  /** Start to port, Configure and ConfigureStack: what the CLI does before the first resource. */
  configuredSeconds: number;
  configuredCpu: number;
  /** ... and the first Analyze, which compiles the config. */
  seconds: number;
  cpu: number;
}

/** Starts a configured pack and analyzes one resource, timing both and reading the pack's CPU after each. */
async function startAndFirstAnalyze(ctx: BenchContext, config: unknown, first: AnalyzedResource): Promise<{ sample: StartSample; pack: PackProcess }> {
  const started = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - started) / 1e9;
  const pack = await ctx.start(ctx.packDir, config, ctx.realPackEnv);
  const configuredSeconds = since();
  const configuredCpu = cpuSeconds(pack.pid);
  await pack.analyze(first);
  return { sample: { configuredSeconds, configuredCpu, seconds: since(), cpu: cpuSeconds(pack.pid) }, pack };
}

export async function catalogScaling(ctx: BenchContext): Promise<StepResult> {
  const SMALL = "1 vendor";
  const LARGE = `${LARGE_CATALOG} vendors`;
  const resources = ctx.workload.resources;
  const perVendor = identifierCount(additionalVendors(2)[1]);
  ctx.log(
    `[4] catalog scaling: ${LARGE_CATALOG} vendors × ${perVendor} identifiers vs 1 vendor: start, Configure and first Analyze ${START_ROUNDS} times each, interleaved; ` +
      `then ${resources.length} resources each with 64 in flight, alternating by chunk`,
  );
  const configs = new Map<string, unknown>([
    [SMALL, packConfig(1)],
    [LARGE, packConfig(LARGE_CATALOG)],
  ]);
  // Every preview starts the pack afresh, so start-up is measured like cold starts: rounds, alternating which
  // catalog goes first, medians. The last round's packs go on to the per-resource measurement.
  const packs = new Map<string, PackProcess>();
  const starts = await rounds(START_ROUNDS, [SMALL, LARGE], async (label) => {
    await packs.get(label)?.stop();
    const { sample, pack } = await startAndFirstAnalyze(ctx, configs.get(label), resources[0]);
    packs.set(label, pack);
    return sample;
  });
  for (const pack of packs.values()) await analyzePass(pack, resources.slice(0, WARMUP), 64);
  const chunks = await interleavedChunks(packs, resources, 64);
  const cpu = (label: string) => cpuPerResource(chunks.get(label)!);
  const wall = (label: string) => 1 / rateOf(chunks.get(label)!);
  const blocked = (label: string) => total(chunks.get(label)!, (c) => c.blocked);
  const start = (label: string, pick: (s: StartSample) => number) => median(starts.get(label)!.map(pick));
  const startRatio = (pick: (s: StartSample) => number) => start(LARGE, pick) / start(SMALL, pick);
  const phases = (label: string) =>
    `${label}: configured after ${fmt.seconds(start(label, (s) => s.configuredSeconds))} (pack CPU ${fmt.seconds(start(label, (s) => s.configuredCpu))}), ` +
    `first Analyze ${fmt.seconds(start(label, (s) => s.seconds - s.configuredSeconds))} (pack CPU ${fmt.seconds(start(label, (s) => s.cpu - s.configuredCpu))})`;
  const runs = (label: string, pick: (s: StartSample) => number) =>
    starts
      .get(label)!
      .map((s) => pick(s).toFixed(2))
      .join(" ");
  return {
    rows: [
      {
        measurement: `catalog scaling: pack CPU per resource, 1 vendor → ${LARGE_CATALOG} vendors × ${perVendor} identifiers`,
        baseline: fmt.micros(cpu(SMALL)),
        pack: fmt.micros(cpu(LARGE)),
        ratio: cpu(LARGE) / cpu(SMALL),
        target: { op: "<=", value: 1.5 },
      },
      {
        measurement: `catalog scaling: wall time per resource (64 in flight), 1 → ${LARGE_CATALOG} vendors`,
        baseline: fmt.micros(wall(SMALL)),
        pack: fmt.micros(wall(LARGE)),
        ratio: wall(LARGE) / wall(SMALL),
      },
      {
        measurement: `catalog scaling: start, Configure and first Analyze (compiles the config), 1 → ${LARGE_CATALOG} vendors (median of ${START_ROUNDS})`,
        baseline: fmt.seconds(start(SMALL, (s) => s.seconds)),
        pack: fmt.seconds(start(LARGE, (s) => s.seconds)),
        ratio: startRatio((s) => s.seconds),
        target: { op: "<=", value: 1.25 },
      },
      {
        measurement: `catalog scaling: pack CPU for start, Configure and first Analyze, 1 → ${LARGE_CATALOG} vendors (median of ${START_ROUNDS})`,
        baseline: fmt.seconds(start(SMALL, (s) => s.cpu)),
        pack: fmt.seconds(start(LARGE, (s) => s.cpu)),
        ratio: startRatio((s) => s.cpu),
        target: { op: "<=", value: 1.25 },
      },
    ],
    notes: [
      `Catalog scaling blocked ${blocked(SMALL)} of ${resources.length} resources with 1 vendor and ${blocked(LARGE)} with ${LARGE_CATALOG} (the same findings are expected).`,
      `Catalog scaling start-up, medians: ${phases(SMALL)}; ${phases(LARGE)}. Runs (s), wall: 1 vendor ${runs(SMALL, (s) => s.seconds)}, ${LARGE_CATALOG} ${runs(LARGE, (s) => s.seconds)}; ` +
        `pack CPU: 1 vendor ${runs(SMALL, (s) => s.cpu)}, ${LARGE_CATALOG} ${runs(LARGE, (s) => s.cpu)}.`,
    ],
    samples: { catalogChunks: Object.fromEntries(chunks), catalogStarts: Object.fromEntries(starts) },
  };
}
