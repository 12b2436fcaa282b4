import * as fs from "fs";
import * as path from "path";
import { compareOutcome, loadExpectedOutcome } from "../harness/expectedOutcome";
import { loadPolicyPackConfigFile, type PolicyPackConfig } from "../harness/policyPackConfig";
import { toAnalyzedResources } from "../harness/capturedResource";
import { ProgramError, runProgram } from "../harness/runProgram";
import type { CliOptions } from "./args";
import { expandProgramInputs } from "./inputPaths";
import { countedOncePerStack, Progress } from "./progress";
import type { GrandfatherCandidate, InputFailure, Report, StackReport } from "./report";
import { REPORT_SCHEMA, REPORT_SCHEMA_VERSION } from "./report";
import { scanStack } from "./scanStack";
import { Interrupted, PackFaultError, type ScanSession } from "./scanSession";
import type { SessionPool } from "./sessionPool";
import { stackSources, type StackSource } from "./stackSources";
import { InputError } from "../util/inputFiles";
import type { StackInput } from "./stackInputs";

interface CommandResult {
  stacks: StackReport[];
  failures: InputFailure[];
  candidates: GrandfatherCandidate[];
  /** A Ctrl-C or SIGTERM stopped the run before every input was checked. */
  interrupted: boolean;
}

/** Any failure of one input, as the report lists it: one input's failure never loses the others' results. */
function problemOf(source: string, e: unknown): InputFailure {
  if (e instanceof PackFaultError) {
    const f = e.fault;
    return { source: e.source, problem: e.problem, packFault: { reason: f.reason, during: f.during, resource: f.resource ?? null, stderr: f.stderrTail } };
  }
  if (e instanceof InputError) {
    return { source: e.source, problem: e.problem };
  }
  if (e instanceof ProgramError) {
    return { source: e.programDir, problem: e.problem };
  }
  if (e instanceof RangeError) {
    // Encoding a tree nested thousands of levels deep overflows the stack.
    return { source, problem: `cannot be analyzed: ${e.message} (properties nested too deeply)` };
  }
  return { source, problem: e instanceof Error ? e.message : String(e) };
}

/** The --policy-pack-config file, checked once; a bad config stops everything (exit 2). */
function loadUserConfig(session: ScanSession, file: string | undefined): PolicyPackConfig {
  let parsed: PolicyPackConfig = {};
  if (file) {
    try {
      parsed = loadPolicyPackConfigFile(file);
    } catch (e) {
      // The loader's messages already start with the file name.
      throw new InputError(file, (e as Error).message.replace(`${file}: `, ""));
    }
  }
  const effective = session.effectiveConfig(parsed);
  session.check(effective, file ?? "--as-of");
  return effective;
}

type StackOutcome = { scanned: Awaited<ReturnType<typeof scanStack>> } | { failure: InputFailure } | { interrupted: true };

/** One stack on one worker's pack: a pack that dies or hangs is replaced and the stack retried once (checkInput). */
async function scanSource(
  session: ScanSession,
  config: PolicyPackConfig,
  source: StackSource,
  grandfatherExisting: boolean,
  onAnalyzed: (analyzed: number) => void,
): Promise<StackOutcome> {
  let loaded: StackInput | undefined;
  try {
    loaded = await source.load();
  } catch (e) {
    return { failure: problemOf(source.source, e) };
  }
  try {
    const scanned = await session.checkInput(source.source, async (oneAtATime) => {
      // The first attempt released the inputs it sent: a retry reads the stack again.
      const input = loaded ?? (await source.load());
      loaded = undefined;
      return scanStack(session, config, input, { grandfatherExisting, onAnalyzed, ...(oneAtATime ? { concurrency: 1 } : {}) });
    });
    return { scanned };
  } catch (e) {
    return e instanceof Interrupted ? { interrupted: true } : { failure: problemOf(source.source, e) };
  }
}

/** Export files and backends' stacks, one stack at a time on each of the pool's packs; reported in input order. */
export async function scanFiles(pool: SessionPool, options: CliOptions, grandfatherExisting: boolean): Promise<CommandResult> {
  const config = loadUserConfig(pool.first, options.policyPackConfig);
  const stacks: StackReport[] = [];
  const candidates: GrandfatherCandidate[] = [];
  const failures: InputFailure[] = [];
  const progress = Progress.forStderr();
  const counts = { stacksDone: 0, stacksListed: 0, listingDone: false, resources: 0, findings: 0 };
  if (progress.enabled) {
    // A second, listing-only pass gives the total while the scan itself takes stacks as workers free up.
    void (async () => {
      for await (const _ of stackSources(options.inputs, options.endpoint)) counts.stacksListed++;
      counts.listingDone = true;
    })().catch(() => undefined);
  }
  const onNewResource = () => {
    counts.resources++;
    progress.update(counts);
  };
  try {
    await pool.runInOrder(
      stackSources(options.inputs, options.endpoint),
      (session, source) => scanSource(session, config, source, grandfatherExisting, countedOncePerStack(onNewResource)),
      (outcome) => {
        counts.stacksDone++;
        if ("interrupted" in outcome) {
          return;
        }
        if ("failure" in outcome) {
          failures.push(outcome.failure);
          return;
        }
        counts.findings += outcome.scanned.report.diagnostics.length;
        stacks.push(outcome.scanned.report);
        candidates.push(...outcome.scanned.candidates);
      },
    );
  } finally {
    progress.done();
  }
  return { stacks, failures, candidates, interrupted: pool.interrupted };
}

export async function previewPrograms(session: ScanSession, options: CliOptions): Promise<CommandResult> {
  // An explicit --policy-pack-config applies to every program; otherwise each uses the file beside it.
  const shared = options.policyPackConfig ? loadUserConfig(session, options.policyPackConfig) : undefined;
  const { programs, failures } = expandProgramInputs(options.inputs);
  const stacks: StackReport[] = [];
  for (const dir of programs) {
    if (session.interrupted) {
      break;
    }
    const expected = options.checkExpected ? loadExpectation(dir, failures) : undefined;
    if (options.checkExpected && !expected) {
      continue;
    }
    let config: PolicyPackConfig;
    try {
      const beside = path.join(dir, "policy-config.json");
      config = shared ?? loadUserConfig(session, fs.existsSync(beside) ? beside : undefined);
    } catch (e) {
      const f = problemOf(dir, e);
      if (expected?.configError !== undefined && f.problem.includes(expected.configError)) {
        stacks.push({
          source: dir,
          kind: "program",
          project: path.basename(dir),
          stack: options.stack,
          resources: 0,
          summary: { mandatory: 0, advisory: 0 },
          diagnostics: [],
          expectation: { asExpected: true, differences: [] },
        });
      } else {
        failures.push(f);
      }
      continue;
    }
    try {
      const run = await runProgram(dir, {
        stack: options.stack,
        timeoutMs: options.programTimeoutMs,
        signal: session.interruption.signal,
        ...(options.mocks ? { mocksFile: options.mocks } : {}),
      });
      const positions = new Map(run.resources.map((r) => [r.urn, r.sourcePosition]));
      const input: StackInput = {
        source: dir,
        kind: "program",
        project: run.project,
        stack: run.stack,
        resources: toAnalyzedResources(run).map((r) => {
          const pos = positions.get(r.urn);
          return { ...r, stackProperties: r.properties, ...(pos ? { location: pos } : {}) };
        }),
      };
      const scanned = await session.checkInput(dir, (oneAtATime) =>
        scanStack(session, session.withProgramDirectory(config, path.resolve(dir)), input, {
          grandfatherExisting: false,
          ...(oneAtATime ? { concurrency: 1 } : {}),
        }),
      );
      if (expected) {
        const differences =
          expected.configError !== undefined
            ? [`expected the config to be refused with "${expected.configError}", but it was accepted`]
            : compareOutcome(
                expected,
                scanned.report.diagnostics.map((d) => ({
                  policyName: d.policy,
                  policyPackName: session.info.name,
                  policyPackVersion: session.info.version,
                  description: "",
                  message: d.message,
                  enforcementLevel: d.level,
                  urn: d.urn ?? "",
                  phase: d.phase,
                  ...(d.resourceType ? { resourceType: d.resourceType } : {}),
                  ...(d.resourceName ? { resourceName: d.resourceName } : {}),
                })),
              );
        scanned.report.expectation = { asExpected: differences.length === 0, differences };
      }
      stacks.push(scanned.report);
    } catch (e) {
      if (e instanceof Interrupted || session.interrupted) {
        break;
      }
      failures.push(problemOf(dir, e));
    }
  }
  return { stacks, failures, candidates: [], interrupted: session.interrupted };
}

function loadExpectation(dir: string, failures: InputFailure[]) {
  try {
    return loadExpectedOutcome(path.join(dir, "expected.json"));
  } catch (e) {
    failures.push({ source: path.join(dir, "expected.json"), problem: (e as Error).message.replace(/^.*expected\.json: /, "") });
    return undefined;
  }
}

/** `session` is undefined when the pack could not be started: the report then lists no policies. */
export function buildReport(session: ScanSession | undefined, options: CliOptions, result: CommandResult, version: string): Report {
  const all = result.stacks.flatMap((s) => s.diagnostics);
  const report: Report = {
    schema: REPORT_SCHEMA,
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: "restricted-vendors", version },
    command: options.command,
    generatedAt: new Date().toISOString(),
    asOf: options.asOf ?? null,
    policyPack: session ? { name: session.info.name, version: session.info.version } : { name: "", version: "" },
    policies: (session?.info.policies ?? []).map((p) => ({
      name: p.name,
      description: p.description,
      enforcementLevel: p.enforcementLevel,
      url: p.url,
      remediationSteps: p.remediationSteps,
    })),
    summary: {
      stacks: result.stacks.length,
      resources: result.stacks.reduce((n, s) => n + s.resources, 0),
      mandatory: all.filter((d) => d.level === "mandatory").length,
      advisory: all.filter((d) => d.level === "advisory").length,
      inputErrors: result.failures.length,
    },
    stacks: result.stacks,
    errors: result.failures,
    interrupted: result.interrupted,
  };
  if (options.command === "grandfather" && session) {
    report.grandfather = { candidates: result.candidates, config: grandfatherConfig(session, options, result.candidates) };
  }
  return report;
}

/** Per policy: the config's existing `grandfathered` globs plus the new URNs, ready to paste. */
function grandfatherConfig(session: ScanSession, options: CliOptions, candidates: GrandfatherCandidate[]): Record<string, { grandfathered: string[] }> {
  const config = options.policyPackConfig ? loadUserConfig(session, options.policyPackConfig) : {};
  const result: Record<string, { grandfathered: string[] }> = {};
  for (const c of candidates) {
    const existing = Array.isArray(config[c.policy]?.properties?.grandfathered) ? (config[c.policy]!.properties!.grandfathered as string[]) : [];
    const list = (result[c.policy] ??= { grandfathered: [...existing] }).grandfathered;
    if (!list.includes(c.urn)) {
      list.push(c.urn);
    }
  }
  return result;
}
