import { startPack, type PackProcess } from "../src/harness/packProcess";
import type { AnalyzedResource } from "../src/harness/types";
import { cpuSeconds, inFlight, timed } from "./measure";

export interface PackUnderTest {
  label: string;
  dir: string;
}

export interface PassResult {
  resources: number;
  seconds: number;
  /** CPU the pack process used during the pass. */
  packCpuSeconds: number;
  diagnostics: number;
  /** Resources with at least one mandatory diagnostic. */
  blocked: number;
}

/** Time to the printed port, `runs` times per pack, alternating which pack goes first in each round. */
export async function coldStarts(packs: PackUnderTest[], runs: number): Promise<Map<string, number[]>> {
  const seconds = new Map(packs.map((p) => [p.label, [] as number[]]));
  for (let round = 0; round < runs; round++) {
    const order = round % 2 === 0 ? packs : [...packs].reverse();
    for (const pack of order) {
      const { seconds: s, result } = await timed(() => startPack(pack.dir, { dryRun: true }));
      await result.stop();
      seconds.get(pack.label)!.push(s);
    }
  }
  return seconds;
}

/** Starts a pack and configures it as the CLI does before a preview; `started` sees it before Configure can fail. */
export async function startConfigured(
  dir: string,
  config: unknown,
  env: NodeJS.ProcessEnv | undefined,
  started: (pack: PackProcess) => void,
): Promise<PackProcess> {
  const pack = await startPack(dir, { project: "bench", stack: "dev", dryRun: true, env });
  started(pack);
  await pack.configure(config);
  await pack.configureStack({ project: "bench", stack: "dev", dryRun: true });
  return pack;
}

/** Analyzes every resource once, with `concurrency` requests in flight (1 = sequential, as a preview of a chain of dependencies). */
export async function analyzePass(pack: PackProcess, resources: AnalyzedResource[], concurrency: number): Promise<PassResult> {
  let diagnostics = 0;
  let blocked = 0;
  const cpuBefore = cpuSeconds(pack.pid);
  const { seconds } = await timed(() =>
    inFlight(resources.length, concurrency, async (i) => {
      const found = await pack.analyze(resources[i]);
      diagnostics += found.length;
      if (found.some((d) => d.enforcementLevel === "mandatory")) blocked++;
    }),
  );
  return { resources: resources.length, seconds, packCpuSeconds: cpuSeconds(pack.pid) - cpuBefore, diagnostics, blocked };
}

export async function analyzeStackPass(pack: PackProcess, resources: AnalyzedResource[]): Promise<PassResult> {
  const cpuBefore = cpuSeconds(pack.pid);
  const { seconds, result } = await timed(() => pack.analyzeStack(resources));
  const blocked = new Set(result.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.urn)).size;
  return { resources: resources.length, seconds, packCpuSeconds: cpuSeconds(pack.pid) - cpuBefore, diagnostics: result.length, blocked };
}
