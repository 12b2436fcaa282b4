#!/usr/bin/env node
import * as fs from "fs";
import * as path from "path";
import { builtInCatalog } from "../catalog/builtIn";
import { repositoryPackDir } from "../harness/repositoryPackDir";
import { PackFault, startPack, type PackProcess } from "../harness/packProcess";
import { parseInstant, INSTANT_FORMAT_HINT } from "../util/instant";
import { parseArgs, USAGE, UsageError, type CliOptions } from "./args";
import { buildReport, previewPrograms, scanFiles } from "./commands";
import { renderMarkdown } from "./render/markdown";
import { renderSarif } from "./render/sarif";
import { renderText } from "./render/text";
import type { InputFailure, Report } from "./report";
import { ScanSession, withStderrTail } from "./scanSession";
import { defaultJobs, SessionPool } from "./sessionPool";
import { InputError } from "../util/inputFiles";

function toolVersion(packDir: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")) as { version?: string }).version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

function render(report: Report, options: CliOptions, toTerminal: boolean): string {
  switch (options.format) {
    case "json":
      return JSON.stringify(report, null, 2) + "\n";
    case "sarif":
      return renderSarif(report);
    case "markdown":
      return renderMarkdown(report);
    case "text":
      return renderText(report, { color: toTerminal && !process.env.NO_COLOR });
  }
}

function exitCode(report: Report, options: CliOptions): number {
  if (report.errors.length > 0 || report.interrupted) {
    return 2;
  }
  if (options.checkExpected) {
    return report.stacks.length > 0 && report.stacks.every((s) => s.expectation?.asExpected) ? 0 : 1;
  }
  return report.summary.mandatory > 0 ? 1 : 0;
}

function peakMb(pack: PackProcess): number | undefined {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pack.pid}/status`, "utf8"));
    return hwm ? Number(hwm[1]) / 1024 : undefined;
  } catch {
    return undefined; // Not Linux: the pack's peak is not readable this way.
  }
}

/**
 * RESTRICTED_VENDORS_STATS=1: elapsed time and peak memory of this process and of each pack, for benchmarks.
 * The packs' peaks are added up, an upper bound of what they held at the same time.
 */
function statsLine(startedAt: number, packs: PackProcess[]): string {
  const peaks = packs.map(peakMb);
  const packPeak = peaks.some((p) => p === undefined) ? "unknown" : `${peaks.reduce((a, b) => a! + b!, 0)!.toFixed(0)} MB`;
  const own = (process.resourceUsage().maxRSS / 1024).toFixed(0);
  const label = packs.length === 1 ? "policy pack" : `${packs.length} policy packs`;
  return `stats: ${((Date.now() - startedAt) / 1000).toFixed(1)} s, peak RSS: command ${own} MB, ${label} ${packPeak}`;
}

/** Runs the command; returns the exit code. Every expected failure is an error line on stderr naming the input and why. */
async function main(argv: string[]): Promise<number> {
  let options: CliOptions;
  try {
    const parsed = parseArgs(argv);
    if (parsed === "help") {
      process.stdout.write(USAGE + "\n");
      return 0;
    }
    options = parsed;
    if (options.asOf !== undefined && !parseInstant(options.asOf)) {
      throw new UsageError(`--as-of "${options.asOf}" is not ${INSTANT_FORMAT_HINT}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n(run "restricted-vendors --help" for usage)\n`);
      return 2;
    }
    throw e;
  }
  const startedAt = Date.now();
  const packDir = options.policyPack ? path.resolve(options.policyPack) : repositoryPackDir(__dirname);
  let pool: SessionPool | undefined;
  // The first Ctrl-C or SIGTERM stops the work and still writes the report; a second exits at once.
  const onSignal = () => {
    if (!pool || pool.interrupted) {
      process.exit(130);
    }
    void pool.interrupt();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const startSession = async () => {
      // Every command stands where a preview stands: nothing is created after it, so an unknown value in
      // `pulumi preview --json` output follows the preview rule (state exports hold no unknowns).
      const pack = await startPack(packDir, { dryRun: true, rpcTimeoutMs: options.rpcTimeoutMs });
      try {
        return new ScanSession(pack, await pack.info(), options.asOf, builtInCatalog);
      } catch (e) {
        await pack.stop();
        throw e;
      }
    };
    let session: ScanSession;
    try {
      session = await startSession();
    } catch (e) {
      if (!(e instanceof PackFault)) {
        throw e;
      }
      // Nothing can be checked, but CI still gets a report saying why.
      writeReport(failureReport(undefined, options, packStartFailure(packDir, e)), options);
      return 2;
    }
    pool = new SessionPool(session, options.command === "preview" ? 1 : (options.jobs ?? defaultJobs()), startSession);
    const result = options.command === "preview" ? await previewPrograms(session, options) : await scanFiles(pool, options, options.command === "scan");
    const report = buildReport(session, options, result, toolVersion(repositoryPackDir(__dirname)));
    writeReport(report, options);
    if (process.env.RESTRICTED_VENDORS_STATS) {
      process.stderr.write(
        statsLine(
          startedAt,
          (await pool.started()).map((s) => s.pack),
        ) + "\n",
      );
    }
    return exitCode(report, options);
  } catch (e) {
    if (e instanceof InputError && pool && (options.output || options.format !== "text")) {
      // A bad --policy-pack-config stops the run; CI still gets its machine-readable report saying why.
      writeReport(failureReport(pool.first, options, { source: e.source, problem: e.problem }), options);
      return 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(`error: ${e.source}: ${e.problem}\n`);
      return 2;
    }
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 2;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await pool?.stop();
  }
}

function writeReport(report: Report, options: CliOptions): void {
  const text = render(report, options, !options.output && Boolean(process.stdout.isTTY));
  if (options.output) {
    fs.writeFileSync(options.output, text);
  } else {
    process.stdout.write(text);
  }
  if (options.output || options.format !== "text") {
    // The report went elsewhere or is machine-readable: failures still reach a person on stderr.
    for (const f of report.errors) {
      process.stderr.write(`error: ${f.source}: ${f.problem}\n`);
    }
    if (report.interrupted) {
      process.stderr.write("error: interrupted: the report covers only the inputs finished before it\n");
    }
  }
}

/** The report of a run stopped before any input was checked: one error, the pack or the config. */
function failureReport(session: ScanSession | undefined, options: CliOptions, failure: InputFailure): Report {
  return buildReport(session, options, { stacks: [], failures: [failure], candidates: [], interrupted: false }, toolVersion(repositoryPackDir(__dirname)));
}

function packStartFailure(packDir: string, fault: PackFault): InputFailure {
  return {
    source: packDir,
    problem: withStderrTail(`the policy pack could not be started: it ${fault.reason}`, fault),
    packFault: { reason: fault.reason, during: fault.during, resource: null, stderr: fault.stderrTail },
  };
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`error: ${(e as Error).message.split("\n")[0]}\n`);
      process.exit(2);
    },
  );
}
