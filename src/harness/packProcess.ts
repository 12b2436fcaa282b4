import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as analyzerGrpcTypes from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import { loadPulumiProtocol, type PulumiProtocol } from "./pulumiProtocol";
import { analyzeRequestFor, analyzerInfoFromProto, analyzeStackRequestFor, diagnosticFromProto, enforcementLevelToProto } from "./protoConvert";
import { parsePolicyPackConfig, reconcilePolicyPackConfig, type PolicyPackConfig } from "./policyPackConfig";
import type { AnalyzedResource, AnalyzerInfo, Diagnostic } from "./types";

export interface StartPackOptions {
    /** How long to wait for the pack to print its port. Type-checked TypeScript packs take seconds. */
    startTimeoutMs?: number;
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
    /** Everything the pack wrote to stderr so far. */
    stderr(): string;
    stop(): Promise<void>;
}

const DEFAULT_START_TIMEOUT_MS = 60_000;
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
            reject(new Error(`policy pack at ${packDir} ${why}${err ? `:\n${err}` : " (no stderr output)"}`));
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
        const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
            fail(`exited (${signal ?? `code ${code}`}) before printing its port`);
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

type Callback<Res> = (err: grpcTypes.ServiceError | null, res: Res) => void;

function unary<Res>(invoke: (cb: Callback<Res>) => unknown, describeFailure: () => string): Promise<Res> {
    return new Promise((resolve, reject) => {
        invoke((err, res) => {
            if (err) {
                reject(new Error(`${describeFailure()}: ${err.details || err.message}`));
            } else {
                resolve(res);
            }
        });
    });
}

class RunningPack implements PackProcess {
    private stopped = false;
    private cachedInfo?: AnalyzerInfo;

    constructor(
        readonly packDir: string,
        private readonly child: ChildProcess,
        private readonly client: analyzerGrpcTypes.AnalyzerClient,
        private readonly protocol: PulumiProtocol,
        private readonly stderrText: () => string,
        private readonly versionOverride: string | undefined,
    ) {}

    get pid(): number {
        return this.child.pid ?? -1;
    }

    stderr(): string {
        return this.stderrText();
    }

    private rpc<Res>(name: string, invoke: (cb: Callback<Res>) => unknown): Promise<Res> {
        return unary(invoke, () => {
            const exited = this.child.exitCode !== null || this.child.signalCode !== null;
            const tail = this.stderrText().trim();
            return `${name} failed${exited ? " (the pack process has exited)" : ""}${tail && exited ? `; stderr:\n${tail}` : ""}`;
        });
    }

    async info(): Promise<AnalyzerInfo> {
        if (!this.cachedInfo) {
            const res = await this.rpc<analyzerPbTypes.AnalyzerInfo>("GetAnalyzerInfo", (cb) => this.client.getAnalyzerInfo(new this.protocol.emptyPb.Empty(), cb));
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
        const req = new this.protocol.analyzerPb.ConfigureAnalyzerRequest();
        const map = req.getPolicyconfigMap();
        for (const [name, entry] of Object.entries(reconciled)) {
            const pc = new this.protocol.analyzerPb.PolicyConfig();
            pc.setEnforcementlevel(enforcementLevelToProto(this.protocol.analyzerPb, entry.enforcementLevel));
            pc.setProperties(this.protocol.structPb.Struct.fromJavaScript(entry.properties as never));
            map.set(name, pc);
        }
        if (map.getLength() > 0) {
            await this.rpc(`Configure of policy pack "${info.name}"`, (cb) => this.client.configure(req, cb));
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
        await this.rpc("ConfigureStack", (cb) => this.client.configureStack(req, cb));
    }

    async analyze(resource: AnalyzedResource): Promise<Diagnostic[]> {
        const req = analyzeRequestFor(this.protocol, resource);
        const res = await this.rpc<analyzerPbTypes.AnalyzeResponse>(`Analyze of ${resource.urn}`, (cb) => this.client.analyze(req, cb));
        // The engine attributes a violation reported without a URN to the resource being analyzed.
        return res.getDiagnosticsList().map((d) => {
            const diag = diagnosticFromProto(this.protocol, d, this.versionOverride);
            return diag.urn === "" ? { ...diag, urn: resource.urn } : diag;
        });
    }

    async analyzeStack(resources: AnalyzedResource[]): Promise<Diagnostic[]> {
        const req = analyzeStackRequestFor(this.protocol, resources);
        const res = await this.rpc<analyzerPbTypes.AnalyzeResponse>("AnalyzeStack", (cb) => this.client.analyzeStack(req, cb));
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
        await new Promise<void>((resolve) => {
            this.child.once("exit", () => resolve());
            this.child.kill("SIGTERM");
        });
    }
}

/**
 * Starts a policy pack the way the CLI does: `node <@pulumi/pulumi>/cmd/run-policy-pack <engine> .`
 * with the pack directory as working directory, then connects to the port it prints.
 */
export async function startPack(packDir: string, options: StartPackOptions): Promise<PackProcess> {
    const absDir = path.resolve(packDir);
    if (!fs.existsSync(absDir) || !fs.statSync(absDir).isDirectory()) {
        throw new Error(`policy pack directory ${absDir} does not exist`);
    }
    const protocol = loadPulumiProtocol(absDir);
    const child = spawn(process.execPath, [protocol.runPolicyPackScript, options.engineAddress ?? "127.0.0.1:1", "."], {
        cwd: absDir,
        env: packEnv(options),
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
        // Bounded: a pack that logs without end must not exhaust memory.
        if (stderr.length < 1_000_000) {
            stderr += chunk.toString("utf8");
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
    const client = new protocol.analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, protocol.grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": MAX_RPC_MESSAGE_SIZE,
        "grpc.max_send_message_length": MAX_RPC_MESSAGE_SIZE,
    });
    return new RunningPack(absDir, child, client, protocol, () => stderr, pulumiPolicyYamlVersion(absDir));
}
