import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import { loadPulumiProtocol, type PulumiProtocol } from "./pulumiProtocol";
import { analyzeRequestFor, analyzerInfoFromProto, analyzerResourceFor, diagnosticFromProto, enforcementLevelToProto } from "./protoConvert";
import { configureRequestBytes } from "./configureRequestWire";
import { parsePolicyPackConfig, reconcilePolicyPackConfig, type PolicyPackConfig } from "./policyPackConfig";
import type { AnalyzedResource, AnalyzerInfo, Diagnostic } from "./types";
import { encodeAnalyzeRequest, encodeAnalyzeStackRequest, NotEncodable } from "./wireEncoding";
import { GrpcCallError, GrpcStatus, GrpcUnaryClient } from "./grpcUnaryClient";

export interface StartPackOptions {
  /** How long to wait for the pack to print its port. Type-checked TypeScript packs take seconds. */
  startTimeoutMs?: number;
  /**
   * The deadline of each Analyze, counted from when the request is sent (up to 64 are in flight, so it
   * includes the wait behind the others), and of every other RPC; AnalyzeStack's grows with the stack.
   */
  rpcTimeoutMs?: number;
  /** The engine address passed to run-policy-pack; nothing needs to listen there (logs are dropped). */
  engineAddress?: string;
  /** Mirrors the variables the CLI sets for the pack process (PULUMI_NODEJS_PROJECT etc.). */
  project?: string;
  stack?: string;
  organization?: string;
  /**
   * Whether the pack runs for a preview (true) or an update (false): the CLI always sets PULUMI_DRY_RUN and
   * PULUMI_NODEJS_DRY_RUN, and the pack treats an unknown value differently in each (see src/decide/phase.ts).
   */
  dryRun: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface StackContext {
  stack: string;
  project: string;
  organization?: string;
  dryRun: boolean;
  tags?: Record<string, string>;
}

/** A running policy pack, driven over the analyzer gRPC protocol exactly as the Pulumi CLI drives it. */
export interface PackProcess {
  readonly pid: number;
  readonly packDir: string;
  info(): Promise<AnalyzerInfo>;
  /** Takes the --policy-pack-config file's content (raw JSON or already parsed), validates like the CLI, then calls Configure. */
  configure(config?: unknown): Promise<Record<string, { enforcementLevel: string; properties: Record<string, unknown> }>>;
  configureStack(ctx: StackContext): Promise<void>;
  analyze(resource: AnalyzedResource): Promise<Diagnostic[]>;
  analyzeStack(resources: AnalyzedResource[]): Promise<Diagnostic[]>;
  /** What the pack wrote to stderr so far (its last 64 KB). */
  stderr(): string;
  /**
   * Kills the process and starts a fresh one with the same options, Configure and ConfigureStack.
   * The fresh one starts on the next call, so a pack that can no longer start fails that call.
   */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The pack process died, hung or would not start, so the request could not be answered. Not a policy's
 * verdict on the input: a fresh process may well answer it.
 */
export class PackFault extends Error {
  constructor(
    /** "was killed by SIGKILL", "exited with code 1", "gave no answer within 30 s"... */
    readonly reason: string,
    /** The request: "Analyze", "AnalyzeStack over 12 resources", "start"... */
    readonly during: string,
    /** The resource the pack was analyzing: the oldest Analyze still unanswered. */
    readonly resource: string | undefined,
    /** The last lines the process wrote to stderr. */
    readonly stderrTail: string[],
    message: string,
  ) {
    super(message);
    this.name = "PackFault";
  }
}

const DEFAULT_START_TIMEOUT_MS = 60_000;
/** Generous: a resource whose policy looks identifiers up in AWS may wait out several retries. */
export const DEFAULT_RPC_TIMEOUT_MS = 120_000;
/** AnalyzeStack's deadline grows by this much per resource (10,000 resources: 100 s more). */
const ANALYZE_STACK_MS_PER_RESOURCE = 10;
const STDERR_KEPT = 64 * 1024;
const STDERR_TAIL_LINES = 8;
const MAX_RPC_MESSAGE_SIZE = 400 * 1024 * 1024;

/** The version in PulumiPolicy.yaml, which the CLI prefers over the pack's package.json version. */
function pulumiPolicyYamlVersion(packDir: string): string | undefined {
  try {
    const doc = parseYaml(fs.readFileSync(path.join(packDir, "PulumiPolicy.yaml"), "utf8")) as { version?: unknown } | null;
    return typeof doc?.version === "string" && doc.version !== "" ? doc.version : undefined;
  } catch {
    return undefined;
  }
}

function packEnv(options: StartPackOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  const set = (k: string, v: string | undefined) => {
    if (v !== undefined && v !== "") {
      env[`PULUMI_NODEJS_${k}`] = v;
      env[`PULUMI_${k}`] = v;
    }
  };
  set("ORGANIZATION", options.organization);
  set("PROJECT", options.project);
  set("STACK", options.stack);
  set("DRY_RUN", String(options.dryRun));
  // ts-jest or ts-node in the parent must not leak into the pack's own ts-node registration.
  delete env.TS_NODE_PROJECT;
  delete env.TS_NODE_TRANSPILE_ONLY;
  return env;
}

function waitForPort(child: ChildProcess, packDir: string, timeoutMs: number, stderrText: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    const fail = (why: string) => {
      cleanup();
      const err = stderrText().trim();
      reject(new PackFault(why, "start", undefined, tailLines(err), `policy pack at ${packDir} ${why}${err ? `:\n${err}` : " (no stderr output)"}`));
    };
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const newline = stdout.indexOf("\n");
      if (newline < 0) {
        return;
      }
      const line = stdout.slice(0, newline).trim();
      const port = Number(line);
      if (!Number.isInteger(port) || port <= 0 || port > 65535) {
        fail(`printed "${line}" instead of a port number`);
        return;
      }
      cleanup();
      resolve(port);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`exited (${signal ?? `code ${code}`}) before printing its port`);
    const onError = (e: Error) => fail(`could not be started: ${e.message}`);
    const timer = setTimeout(() => fail(`printed no port within ${timeoutMs} ms`), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      child.off("error", onError);
    };
    child.stdout?.on("data", onData);
    child.on("exit", onExit);
    child.on("error", onError);
  });
}

function tailLines(text: string): string[] {
  return text.trim() === ""
    ? []
    : text
        .trim()
        .split("\n")
        .slice(-STDERR_TAIL_LINES)
        .map((l) => (l.length > 300 ? `${l.slice(0, 300)}...` : l));
}

function exitDescription(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** Analyze's request written directly (wireEncoding), or built with google-protobuf when that refuses a value. */
function analyzeRequestBytes(protocol: PulumiProtocol, resource: AnalyzedResource): Uint8Array {
  try {
    return encodeAnalyzeRequest(resource);
  } catch (e) {
    if (!(e instanceof NotEncodable)) {
      throw e;
    }
    return analyzeRequestFor(protocol, resource).serializeBinary();
  }
}

/** A method of the Analyzer service as the generated client describes it: where to call, how to read the answer. */
interface AnalyzerMethod<Res> {
  path: string;
  responseDeserialize(bytes: Buffer): Res;
}

/** The statuses that say the process, not the request, failed: no answer in time, or no connection. */
const FAULT_STATUSES: readonly number[] = [GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.UNAVAILABLE, GrpcStatus.CANCELLED];

/** How long to wait for the process's exit after its connection drops, to say how it ended. */
const EXIT_GRACE_MS = 2_000;

class RunningPack {
  private stopped = false;
  private cachedInfo?: AnalyzerInfo;
  /** URNs whose Analyze is unanswered, oldest first: the first is the one the pack is most likely on. */
  private readonly inFlight = new Set<string>();
  private fault?: Promise<PackFault>;
  private readonly exited: Promise<void>;

  constructor(
    readonly packDir: string,
    private readonly child: ChildProcess,
    private readonly client: GrpcUnaryClient,
    private readonly protocol: PulumiProtocol,
    private readonly stderrText: () => string,
    private readonly versionOverride: string | undefined,
    private readonly rpcTimeoutMs: number,
  ) {
    // "close": the process has exited and its stderr is read to the end, its last words included.
    this.exited = new Promise((resolve) => child.once("close", () => resolve()));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  private get service() {
    return this.protocol.analyzerGrpc.AnalyzerService;
  }

  stderr(): string {
    return this.stderrText();
  }

  private hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /**
   * Why the pack stopped answering, decided once: every request in flight fails with the same fault,
   * naming the same resource. A pack that is still running after that is hung or unreachable, and killed.
   */
  private faultOf(err: GrpcCallError, during: string, timeoutMs: number): Promise<PackFault> {
    this.fault ??= (async () => {
      const resource = this.inFlight.values().next().value as string | undefined;
      const timedOut = err.code === GrpcStatus.DEADLINE_EXCEEDED;
      const exitOrGrace = () => Promise.race([this.exited, new Promise((r) => setTimeout(r, EXIT_GRACE_MS).unref())]);
      if (!timedOut) {
        await exitOrGrace();
      }
      const reason = this.hasExited()
        ? exitDescription(this.child.exitCode, this.child.signalCode)
        : timedOut
          ? `gave no answer within ${seconds(timeoutMs)}`
          : `dropped the connection (${err.details || err.message})`;
      this.kill();
      await exitOrGrace();
      const tail = tailLines(this.stderrText());
      const message = `${during} failed: the policy pack process ${reason}${resource ? ` while analyzing ${resource}` : ""}${tail.length ? `; its stderr ended with:\n${tail.join("\n")}` : ""}`;
      return new PackFault(reason, during, resource, tail, message);
    })();
    return this.fault;
  }

  /** `subject` names what the request was about in the pack's own error answer ("Analyze of <urn> failed: ..."). */
  private async rpc<Res>(name: string, method: AnalyzerMethod<Res>, request: Uint8Array, timeoutMs = this.rpcTimeoutMs, subject?: string): Promise<Res> {
    if (this.fault) {
      throw await this.fault;
    }
    let answer: Buffer;
    try {
      answer = await this.client.call(method.path, request, timeoutMs);
    } catch (e) {
      if (!(e instanceof GrpcCallError)) {
        throw e;
      }
      if (FAULT_STATUSES.includes(e.code) || this.hasExited()) {
        throw await this.faultOf(e, name, timeoutMs);
      }
      // The pack answered with an error: its own verdict on this request, not a fault.
      throw new Error(`${name}${subject ? ` of ${subject}` : ""} failed: ${e.details || e.message}`, { cause: e });
    }
    return method.responseDeserialize(answer);
  }

  /** SIGKILL: a hung process may not heed SIGTERM, and nothing it would do on the way out is needed. */
  kill(): void {
    this.stopped = true;
    this.client.close();
    if (!this.hasExited()) {
      this.child.kill("SIGKILL");
    }
  }

  async info(): Promise<AnalyzerInfo> {
    if (!this.cachedInfo) {
      const res = await this.rpc("GetAnalyzerInfo", this.service.getAnalyzerInfo, new Uint8Array(0));
      const info = analyzerInfoFromProto(this.protocol, res);
      if (this.versionOverride) {
        info.version = this.versionOverride;
      }
      this.cachedInfo = info;
    }
    return this.cachedInfo;
  }

  async configure(config?: unknown) {
    const info = await this.info();
    const parsed: PolicyPackConfig = parsePolicyPackConfig(config);
    if (!info.supportsConfig) {
      if (Object.keys(parsed).length > 0) {
        throw new Error(`policy pack "${info.name}" at "${this.packDir}" does not support config`);
      }
      return {};
    }
    const { config: reconciled } = reconcilePolicyPackConfig(info, parsed);
    if (Object.keys(reconciled).length > 0) {
      const levels = Object.entries(reconciled).map(([name, { enforcementLevel, properties }]) => [
        name,
        { enforcementLevel: enforcementLevelToProto(this.protocol.analyzerPb, enforcementLevel), properties },
      ]);
      await this.rpc(`Configure of policy pack "${info.name}"`, this.service.configure, configureRequestBytes(Object.fromEntries(levels)));
    }
    return reconciled;
  }

  async configureStack(ctx: StackContext): Promise<void> {
    const req = new this.protocol.analyzerPb.AnalyzerStackConfigureRequest();
    req.setStack(ctx.stack);
    req.setProject(ctx.project);
    req.setOrganization(ctx.organization ?? "");
    req.setDryRun(ctx.dryRun);
    for (const [k, v] of Object.entries(ctx.tags ?? {})) {
      req.getTagsMap().set(k, v);
    }
    await this.rpc("ConfigureStack", this.service.configureStack, req.serializeBinary());
  }

  async analyze(resource: AnalyzedResource): Promise<Diagnostic[]> {
    const request = analyzeRequestBytes(this.protocol, resource);
    this.inFlight.add(resource.urn);
    let res: analyzerPbTypes.AnalyzeResponse;
    try {
      res = await this.rpc("Analyze", this.service.analyze, request, this.rpcTimeoutMs, resource.urn);
    } finally {
      this.inFlight.delete(resource.urn);
    }
    // The engine attributes a violation reported without a URN to the resource being analyzed.
    return res.getDiagnosticsList().map((d) => {
      const diag = diagnosticFromProto(this.protocol, d, this.versionOverride);
      return diag.urn === "" ? { ...diag, urn: resource.urn } : diag;
    });
  }

  async analyzeStack(resources: AnalyzedResource[]): Promise<Diagnostic[]> {
    const bytes = encodeAnalyzeStackRequest(resources, (r) => analyzerResourceFor(this.protocol, r).serializeBinary());
    const res = await this.rpc(
      `AnalyzeStack over ${resources.length} resources`,
      this.service.analyzeStack,
      bytes,
      this.rpcTimeoutMs + resources.length * ANALYZE_STACK_MS_PER_RESOURCE,
    );
    return res.getDiagnosticsList().map((d) => diagnosticFromProto(this.protocol, d, this.versionOverride));
  }

  async stop(): Promise<void> {
    if (this.stopped) {
      return;
    }
    this.stopped = true;
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }
    this.child.kill("SIGTERM");
    const killLater = setTimeout(() => this.child.kill("SIGKILL"), EXIT_GRACE_MS);
    await this.exited;
    clearTimeout(killLater);
  }
}

/**
 * Starts a policy pack the way the CLI does: `node <@pulumi/pulumi>/cmd/run-policy-pack <engine> .`
 * with the pack directory as working directory, then connects to the port it prints.
 */
async function startProcess(absDir: string, options: StartPackOptions): Promise<RunningPack> {
  const protocol = loadPulumiProtocol(absDir);
  const child = spawn(process.execPath, [protocol.runPolicyPackScript, options.engineAddress ?? "127.0.0.1:1", "."], {
    cwd: absDir,
    env: packEnv(options),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    // Bounded, keeping the end: a pack that logs without end must not exhaust memory, and its last words say why it died.
    stderr += chunk.toString("utf8");
    if (stderr.length > 2 * STDERR_KEPT) {
      stderr = stderr.slice(-STDERR_KEPT);
    }
  });
  let port: number;
  try {
    port = await waitForPort(child, absDir, options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS, () => stderr);
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
  // Keep draining stdout so a chatty pack cannot block on a full pipe.
  child.stdout.resume();
  const client = new GrpcUnaryClient(`127.0.0.1:${port}`, MAX_RPC_MESSAGE_SIZE);
  return new RunningPack(
    absDir,
    child,
    client,
    protocol,
    () => stderr.slice(-STDERR_KEPT),
    pulumiPolicyYamlVersion(absDir),
    options.rpcTimeoutMs ?? DEFAULT_RPC_TIMEOUT_MS,
  );
}

/**
 * One pack process at a time, replaced on request: the fresh process gets the Configure and
 * ConfigureStack the last one had, so callers carry on as if nothing happened.
 */
class SupervisedPack implements PackProcess {
  private current?: Promise<RunningPack>;
  /** The process last started, for pid and stderr. */
  private running?: RunningPack;
  private lastConfig?: { config: unknown };
  private lastStack?: StackContext;
  private cachedInfo?: AnalyzerInfo;
  private stopped = false;

  constructor(
    readonly packDir: string,
    private readonly options: StartPackOptions,
    first: RunningPack,
  ) {
    this.current = Promise.resolve(first);
    this.running = first;
  }

  get pid(): number {
    return this.running?.pid ?? -1;
  }

  private process(): Promise<RunningPack> {
    if (this.stopped) {
      return Promise.reject(new Error(`policy pack at ${this.packDir} was stopped`));
    }
    this.current ??= (async () => {
      const fresh = await startProcess(this.packDir, this.options);
      this.running = fresh;
      if (this.lastConfig) {
        await fresh.configure(this.lastConfig.config);
      }
      if (this.lastStack) {
        await fresh.configureStack(this.lastStack);
      }
      return fresh;
    })().catch((e) => {
      this.current = undefined;
      throw e;
    });
    return this.current;
  }

  async info(): Promise<AnalyzerInfo> {
    return (this.cachedInfo ??= await (await this.process()).info());
  }

  async configure(config?: unknown) {
    const result = await (await this.process()).configure(config);
    this.lastConfig = { config };
    return result;
  }

  async configureStack(ctx: StackContext): Promise<void> {
    await (await this.process()).configureStack(ctx);
    this.lastStack = ctx;
  }

  async analyze(resource: AnalyzedResource): Promise<Diagnostic[]> {
    return (await this.process()).analyze(resource);
  }

  async analyzeStack(resources: AnalyzedResource[]): Promise<Diagnostic[]> {
    return (await this.process()).analyzeStack(resources);
  }

  stderr(): string {
    return this.running?.stderr() ?? "";
  }

  async restart(): Promise<void> {
    const old = this.current;
    this.current = undefined;
    (await old?.catch(() => undefined))?.kill();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const old = this.current;
    this.current = undefined;
    await (await old?.catch(() => undefined))?.stop();
  }
}

/** Starts a policy pack process (see startProcess) that `restart()` can replace. */
export async function startPack(packDir: string, options: StartPackOptions): Promise<PackProcess> {
  const absDir = path.resolve(packDir);
  if (!fs.existsSync(absDir) || !fs.statSync(absDir).isDirectory()) {
    throw new Error(`policy pack directory ${absDir} does not exist`);
  }
  return new SupervisedPack(absDir, options, await startProcess(absDir, options));
}
