import { fork } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import type { ChildReply, ChildRequest } from "./programChild";
import type { ProgramRun } from "./capturedResource";

export interface RunProgramOptions {
  /** Stack name; its Pulumi.<stack>.yaml config is loaded if present. Default "dev". */
  stack?: string;
  /** Invoke answers and output overrides; default: mocks.json beside Pulumi.yaml, if present. */
  mocksFile?: string;
  /** Default true: the program sees isDryRun() like `pulumi preview`. */
  preview?: boolean;
  /** A program still running after this long is killed and reported (default DEFAULT_PROGRAM_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Aborting kills the program (Ctrl-C on the command). */
  signal?: AbortSignal;
}

export const DEFAULT_PROGRAM_TIMEOUT_MS = 120_000;

export class ProgramError extends Error {
  constructor(
    readonly programDir: string,
    readonly problem: string,
  ) {
    super(`${programDir}: ${problem}`);
    this.name = "ProgramError";
  }
}

interface PulumiYaml {
  name?: unknown;
  runtime?: unknown;
  main?: unknown;
}

function readYaml(file: string, programDir: string): unknown {
  try {
    return parseYaml(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new ProgramError(programDir, `${path.basename(file)}: ${(e as Error).message.split("\n")[0]}`);
  }
}

/** Stack config as the language host passes it: "ns:key" -> string; structured values as JSON. */
function stackConfig(programDir: string, project: string, stack: string): Record<string, string> {
  const file = path.join(programDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    return {};
  }
  const doc = readYaml(file, programDir) as { config?: Record<string, unknown> } | null;
  const result: Record<string, string> = {};
  for (const [rawKey, value] of Object.entries(doc?.config ?? {})) {
    const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
    if (typeof value === "object" && value !== null && "secure" in value) {
      // Encrypted values need the stack's secrets provider; an offline run cannot decrypt them.
      continue;
    }
    result[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return result;
}

function describeProgram(programDir: string, stack: string): Omit<ChildRequest, "mocksFile" | "preview"> {
  const yamlFile = path.join(programDir, "Pulumi.yaml");
  if (!fs.existsSync(yamlFile)) {
    throw new ProgramError(programDir, "no Pulumi.yaml (not a Pulumi program directory)");
  }
  const doc = (readYaml(yamlFile, programDir) ?? {}) as PulumiYaml;
  if (typeof doc.name !== "string" || doc.name === "") {
    throw new ProgramError(programDir, "Pulumi.yaml has no project name");
  }
  const runtime = typeof doc.runtime === "string" ? doc.runtime : (doc.runtime as { name?: unknown } | undefined)?.name;
  if (runtime !== "nodejs") {
    throw new ProgramError(programDir, `runtime ${JSON.stringify(runtime)} is not supported (only nodejs programs run offline)`);
  }
  const main = typeof doc.main === "string" && doc.main !== "" ? doc.main : ".";
  return { programDir, main, project: doc.name, stack, config: stackConfig(programDir, doc.name, stack) };
}

function repoNodeModules(): string {
  return path.resolve(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "..", "..");
}

/**
 * Runs an unmodified Pulumi TypeScript/JavaScript program offline under Pulumi's mocks in a child
 * process and returns every resource it registered, inputs in wire form (secrets and unknowns kept).
 */
export function runProgram(programDirArg: string, options: RunProgramOptions = {}): Promise<ProgramRun> {
  const programDir = path.resolve(programDirArg);
  if (!fs.existsSync(programDir) || !fs.statSync(programDir).isDirectory()) {
    return Promise.reject(new ProgramError(programDir, "no such directory"));
  }
  let described: ReturnType<typeof describeProgram>;
  try {
    described = describeProgram(programDir, options.stack ?? "dev");
  } catch (e) {
    return Promise.reject(e);
  }
  const defaultMocks = path.join(programDir, "mocks.json");
  const request: ChildRequest = {
    ...described,
    mocksFile: options.mocksFile ? path.resolve(options.mocksFile) : fs.existsSync(defaultMocks) ? defaultMocks : undefined,
    preview: options.preview ?? true,
  };
  const childEntry = path.join(__dirname, `programChild${path.extname(__filename)}`);
  const child = fork(childEntry, [], {
    cwd: programDir,
    execArgv: ["-r", require.resolve("ts-node/register/transpile-only")],
    env: {
      ...process.env,
      // Programs outside this repository still find @pulumi/* here, after their own node_modules.
      NODE_PATH: [repoNodeModules(), process.env.NODE_PATH].filter(Boolean).join(path.delimiter),
      // Pulumi's Node host uses the program's tsconfig.json when there is one, else ts-node's defaults.
      ...(fs.existsSync(path.join(programDir, "tsconfig.json"))
        ? { TS_NODE_PROJECT: path.join(programDir, "tsconfig.json"), TS_NODE_SKIP_PROJECT: "false" }
        : {
            TS_NODE_SKIP_PROJECT: "true",
            TS_NODE_PROJECT: "",
            // ts-node's built-in Node 20 defaults (module node16) are rejected by TypeScript 5.9 without a tsconfig.
            TS_NODE_COMPILER_OPTIONS: JSON.stringify({ module: "commonjs", moduleResolution: "node", target: "es2020", esModuleInterop: true }),
          }),
      TS_NODE_TRANSPILE_ONLY: "true",
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    if (output.length < 1_000_000) {
      output += chunk.toString("utf8");
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const tail = () => {
    const lines = output.trim().split("\n").slice(-5).join("\n");
    return lines ? `:\n${lines}` : "";
  };
  return new Promise<ProgramRun>((resolve, reject) => {
    let reply: ChildReply | undefined;
    const timeoutMs = options.timeoutMs ?? DEFAULT_PROGRAM_TIMEOUT_MS;
    let stoppedBecause: string | undefined;
    const stop = (why: string) => {
      stoppedBecause ??= why;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(() => stop(`did not finish within ${Number((timeoutMs / 1000).toFixed(3))} s and was stopped`), timeoutMs);
    const onAbort = () => stop("was stopped: the run was interrupted");
    options.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("message", (m: ChildReply) => {
      reply = m;
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      reject(new ProgramError(programDir, `could not start the program runner: ${e.message}`));
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      if (stoppedBecause) {
        reject(new ProgramError(programDir, `the program ${stoppedBecause}${tail()}`));
      } else if (reply?.kind === "done") {
        resolve({ programDir, project: described.project, stack: described.stack, config: described.config, resources: reply.resources });
      } else if (reply?.kind === "error") {
        reject(new ProgramError(programDir, `the program failed: ${reply.message}`));
      } else {
        reject(new ProgramError(programDir, `the program runner exited (${signal ?? `code ${code}`}) without a result${tail()}`));
      }
    });
    if (options.signal?.aborted) {
      onAbort();
    }
    child.send(request);
  });
}
