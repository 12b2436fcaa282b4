import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import type { Report } from "../src/cli/report";
import { timed } from "./measure";
import type { BenchContext, StepResult } from "./measurements";
import { writeOrgState, type OrgState } from "./orgState";
import { packConfig } from "./packConfig";
import { fmt } from "./report";

/** Issue 14's organisation and its targets on 2 cores; a tenth of it shows that peak memory does not grow with the stacks. */
const TENTH = { stacks: 100, perStack: 100 };
const ORG = { stacks: 1000, perStack: 100, maxSeconds: 30, maxGrowth: 1.25 };
const BIG = { stacks: 1, perStack: 50_000, maxSeconds: 40, maxMiB: 1024 };

interface ScanRun {
  seconds: number;
  /** CLI plus every pack process, each at its own peak (RESTRICTED_VENDORS_STATS): an upper bound. */
  peakMiB: number;
  packs: number;
  report: Report;
}

/** The generated backend, reused while its parameters are unchanged (writing 100,000 resources takes a while). */
function orgState(dir: string, stacks: number, perStack: number, log: (line: string) => void): OrgState {
  const params = path.join(dir, "bench-params.json");
  const wanted = JSON.stringify({ stacks, perStack, version: 2 });
  const saved = fs.existsSync(params) ? (JSON.parse(fs.readFileSync(params, "utf8")) as { params: string; resources: number; restricted: number }) : undefined;
  if (saved?.params === wanted) {
    const files = fs
      .readdirSync(path.join(dir, ".pulumi", "stacks"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => path.join(dir, ".pulumi", "stacks", f));
    return { root: dir, files, resources: saved.resources, restricted: saved.restricted };
  }
  log(`writing ${stacks} stack(s) of ${perStack} resources to ${dir}`);
  const state = writeOrgState(dir, stacks, perStack);
  fs.writeFileSync(params, JSON.stringify({ params: wanted, resources: state.resources, restricted: state.restricted }));
  return state;
}

/** JSON.parse of the very files the scan reads: the floor any reader of the state pays. */
async function parseAll(files: string[]): Promise<number> {
  return (
    await timed(async () => {
      for (const f of files) JSON.parse(fs.readFileSync(f, "utf8"));
    })
  ).seconds;
}

/** `restricted-vendors scan file://…` as a user runs it (default --jobs: one pack per core), timed from outside. */
async function scanBackend(ctx: BenchContext, root: string, config: string): Promise<ScanRun> {
  const cli = path.join(ctx.packDir, "dist", "src", "cli", "main.js");
  const out = path.join(path.dirname(root), `${path.basename(root)}-report.json`);
  const args = [cli, "scan", pathToFileURL(root).href, "--policy-pack-config", config, "--format", "json", "--output", out];
  const { seconds, result: stderr } = await timed(
    () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, args, { env: { ...process.env, RESTRICTED_VENDORS_STATS: "1", CI: "1" }, stdio: ["ignore", "ignore", "pipe"] });
        let err = "";
        child.stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
        child.on("error", reject);
        child.on("exit", (code) => (code === 0 || code === 1 ? resolve(err) : reject(new Error(`scan of ${root} exited ${code}: ${err.trim()}`))));
      }),
  );
  const stats = /peak RSS: command (\d+) MB, (?:(\d+) policy packs|policy pack) (\d+) MB/.exec(stderr);
  if (!stats) throw new Error(`no stats line from the scan of ${root}: ${stderr.trim()}`);
  return { seconds, peakMiB: Number(stats[1]) + Number(stats[3]), packs: Number(stats[2] ?? 1), report: JSON.parse(fs.readFileSync(out, "utf8")) as Report };
}

/** Distinct resources with a mandatory finding: what to hold against the resources generated as restricted. */
function blockedResources(report: Report): number {
  return new Set(report.stacks.flatMap((s) => s.diagnostics.filter((d) => d.level === "mandatory").map((d) => d.urn))).size;
}

function row(measurement: string, parseSeconds: number, run: ScanRun, state: OrgState, limits: string[], met: boolean): string {
  const parse = `${fmt.seconds(parseSeconds)} (${fmt.rate(state.resources / parseSeconds)})`;
  const scan = `${fmt.seconds(run.seconds)} (${fmt.rate(state.resources / run.seconds)}, ${(parseSeconds / run.seconds).toFixed(3)}× JSON.parse)`;
  const { mandatory, advisory } = run.report.summary;
  const findings = `${mandatory} mandatory on ${blockedResources(run.report)} resources (${state.restricted} generated restricted), ${advisory} advisory`;
  return `| ${measurement} | ${parse} | ${scan} | ${findings} | ${fmt.mib(run.peakMiB)} (${run.packs} pack${run.packs === 1 ? "" : "s"}) | ${limits.join(", ")} | ${met ? "yes" : "**no**"} |`;
}

/**
 * Issue 14: the whole organisation's state scanned straight from a file:// backend, and one very large
 * stack, against JSON.parse of the same files; peak memory of the CLI and all its pack processes.
 */
export async function orgScan(ctx: BenchContext): Promise<StepResult> {
  const workDir = path.resolve(__dirname, "..", ".bench");
  fs.mkdirSync(workDir, { recursive: true });
  const config = path.join(workDir, "org-config.json");
  fs.writeFileSync(config, JSON.stringify(packConfig(1)));
  const lines: string[] = [
    "| organisation scan | JSON.parse of the files | scan (default --jobs) | findings | peak memory, all processes | target | met |",
    "|---|---:|---:|---|---:|---|---|",
  ];
  const unmet: string[] = [];
  const samples: Record<string, unknown> = {};
  let tenthPeakMiB: number | undefined;
  for (const [label, shape, dir] of [
    [`${TENTH.stacks} stacks, ${(TENTH.stacks * TENTH.perStack).toLocaleString("en-US")} resources`, TENTH, "org-stacks-100"],
    [`${ORG.stacks.toLocaleString("en-US")} stacks, ${(ORG.stacks * ORG.perStack).toLocaleString("en-US")} resources`, ORG, "org-stacks"],
    [`1 stack, ${BIG.perStack.toLocaleString("en-US")} resources`, BIG, "org-big-stack"],
  ] as const) {
    const state = orgState(path.join(workDir, dir), shape.stacks, shape.perStack, ctx.log);
    const parseSeconds = await parseAll(state.files);
    const loadBefore = os.loadavg()[0];
    ctx.log(`scanning ${label} (JSON.parse alone: ${fmt.seconds(parseSeconds)}); load average ${loadBefore.toFixed(2)}`);
    const run = await scanBackend(ctx, state.root, config);
    const load = `${loadBefore.toFixed(2)} → ${os.loadavg()[0].toFixed(2)}`;
    if (run.report.summary.stacks !== shape.stacks || run.report.summary.resources !== state.resources || run.report.errors.length > 0) {
      throw new Error(
        `the scan of ${label} reported ${run.report.summary.stacks} stacks, ${run.report.summary.resources} resources, ${run.report.errors.length} errors`,
      );
    }
    const maxSeconds = "maxSeconds" in shape ? shape.maxSeconds : undefined;
    const maxMiB = "maxMiB" in shape ? shape.maxMiB : "maxGrowth" in shape && tenthPeakMiB !== undefined ? shape.maxGrowth * tenthPeakMiB : undefined;
    const met = (maxSeconds === undefined || run.seconds <= maxSeconds) && (maxMiB === undefined || run.peakMiB <= maxMiB);
    const limits = [
      ...(maxSeconds !== undefined ? [`≤ ${maxSeconds} s`] : []),
      ...(maxMiB !== undefined ? [`≤ ${fmt.mib(maxMiB)}${"maxGrowth" in shape ? ` (${shape.maxGrowth}× the ${TENTH.stacks} stacks')` : ""}`] : []),
    ];
    if (shape === TENTH) tenthPeakMiB = run.peakMiB;
    lines.push(row(`${label} (load ${load})`, parseSeconds, run, state, limits, met));
    if (!met) unmet.push(`organisation scan of ${label}`);
    samples[`org scan: ${label}`] = {
      parseSeconds,
      scanSeconds: run.seconds,
      peakMiB: run.peakMiB,
      packs: run.packs,
      load,
      findings: run.report.summary,
      blockedResources: blockedResources(run.report),
      generatedRestricted: state.restricted,
    };
  }
  return {
    rows: [],
    table: { markdown: lines.join("\n"), unmet },
    notes: [
      `Organisation scan: \`restricted-vendors scan file://…\` on a generated backend (the bench's resource mix, 0.1% referencing a restricted vendor, secrets encrypted), ${os.cpus().length} cores. Peak memory adds each process's own peak (VmHWM), an upper bound of what they held at once. Findings: the distinct resources with a mandatory finding next to those the generator made restricted; an ECS task definition whose container definitions are an encrypted secret cannot be read and is an advisory \`unchecked\` finding at preview (before the preview rule for unknown values, each was mandatory: 584 of the 664 mandatory findings of the first 1,000-stack run). The generator's restricted count includes the task definitions whose restricted image it then encrypts (5% of task definitions get encrypted container definitions): the scan cannot see those, by design, so it may find fewer than the count.`,
    ],
    samples,
  };
}
