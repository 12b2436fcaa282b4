import { DEFAULT_RPC_TIMEOUT_MS } from "../harness/packProcess";
import { DEFAULT_PROGRAM_TIMEOUT_MS } from "../harness/runProgram";

type Command = "preview" | "scan" | "grandfather";
type Format = "text" | "json" | "sarif" | "markdown";

export interface CliOptions {
  command: Command;
  inputs: string[];
  policyPackConfig?: string;
  asOf?: string;
  format: Format;
  output?: string;
  /** The policy pack to run; default: the pack this tool ships with. */
  policyPack?: string;
  /** preview: the mocks file (default: mocks.json beside each program). */
  mocks?: string;
  /** preview: the stack whose Pulumi.<stack>.yaml config the program gets (default dev). */
  stack: string;
  /** preview: judge each program by its expected.json instead of by mandatory violations. */
  checkExpected: boolean;
  /** The deadline of each Analyze (AnalyzeStack's grows with the stack's size). */
  rpcTimeoutMs: number;
  /** preview: a program still running after this long is stopped and reported. */
  programTimeoutMs: number;
  /** scan, grandfather: pack processes scanning stacks in parallel (default: the number of cores). */
  jobs?: number;
  /** scan, grandfather: the S3-compatible endpoint of s3:// backends. */
  endpoint?: string;
}

export class UsageError extends Error {}

export const USAGE = `Usage: restricted-vendors <command> [options] <inputs...>

Commands:
  preview <program-dir>...       run Pulumi TypeScript programs offline under mocks and check them
                                 (a folder of programs runs each one; its ci/ folder is skipped)
  scan <file-or-dir>...          check \`pulumi stack export\` files (version 3) and \`pulumi preview --json\` output
  scan <backend-url>...          check every stack of a self-managed backend: file://<dir>, a directory that
                                 holds .pulumi/, or s3://bucket[/prefix] (AWS credential and region chain)
  grandfather <file-or-dir>...   print the "grandfathered" config for resources that existed before a deny-new date
                                 (also takes backend URLs)

Options:
  --policy-pack-config <file>    policy-pack config, the file format \`pulumi preview --policy-pack-config\` takes
                                 (preview: default policy-config.json beside each program, if present)
  --as-of <date>                 evaluate enforcement windows at this instant (sets asOf in every policy's config)
  --format text|json|sarif|markdown   report format (default text)
  --output <file>                write the report to a file instead of standard output
  --policy-pack <dir>            run another policy pack (default: the one shipped with this tool)
  --mocks <file>                 preview: invoke answers (default: mocks.json beside each program)
  --stack <name>                 preview: stack name and Pulumi.<stack>.yaml config (default dev)
  --check-expected               preview: judge each program by its expected.json (exit 0 when all match)
  --rpc-timeout <seconds>        deadline of each request to the policy pack (default 120; AnalyzeStack gets
                                 10 ms more per resource); a pack that misses it is restarted, see below
  --program-timeout <seconds>    preview: stop a program still running after this long (default 120)
  --jobs <n>                     scan, grandfather: pack processes scanning stacks in parallel (default: cores)
  --endpoint <url>               scan, grandfather: S3-compatible endpoint for s3:// backends (MinIO, Ceph...)
  -h, --help                     show this help

A policy pack process that dies or misses a deadline is killed, restarted, and the stack or program retried
once; if it fails again, that input is reported as an error naming the resource and the cause, and the run
goes on. Ctrl-C or SIGTERM writes the report for the inputs finished so far (a second one exits at once).

Exit codes: 0 no mandatory violation, 1 a mandatory violation, 2 usage or input error (or interrupted).`;

const FORMATS: readonly Format[] = ["text", "json", "sarif", "markdown"];
const COMMANDS: readonly Command[] = ["preview", "scan", "grandfather"];
const VALUE_OPTIONS = [
  "--policy-pack-config",
  "--as-of",
  "--format",
  "--output",
  "--policy-pack",
  "--mocks",
  "--stack",
  "--rpc-timeout",
  "--program-timeout",
  "--jobs",
  "--endpoint",
] as const;

function seconds(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) {
    return fallback * 1000;
  }
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0)) {
    throw new UsageError(`${name} takes a number of seconds greater than 0, not "${value}"`);
  }
  return n * 1000;
}

export function parseArgs(argv: string[]): CliOptions | "help" {
  if (argv.length === 0 || argv.includes("-h") || argv.includes("--help") || argv[0] === "help") {
    return "help";
  }
  const [command, ...rest] = argv;
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(`unknown command "${command}" (expected ${COMMANDS.join(", ")})`);
  }
  const values: Partial<Record<(typeof VALUE_OPTIONS)[number], string>> = {};
  const inputs: string[] = [];
  let checkExpected = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    if ((VALUE_OPTIONS as readonly string[]).includes(name)) {
      const value = eq > 0 && arg.startsWith("--") ? arg.slice(eq + 1) : rest[++i];
      if (value === undefined || value === "") {
        throw new UsageError(`${name} needs a value`);
      }
      values[name as (typeof VALUE_OPTIONS)[number]] = value;
    } else if (arg === "--check-expected") {
      checkExpected = true;
    } else if (arg.startsWith("-") && arg !== "-") {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      inputs.push(arg);
    }
  }
  if (inputs.length === 0) {
    throw new UsageError(`${command} needs at least one ${command === "preview" ? "program directory" : "file or directory"}`);
  }
  const format = (values["--format"] ?? "text") as Format;
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${format}"`);
  }
  if (checkExpected && command !== "preview") {
    throw new UsageError("--check-expected applies to preview only");
  }
  if (command !== "preview" && (values["--mocks"] !== undefined || values["--stack"] !== undefined)) {
    throw new UsageError("--mocks and --stack apply to preview only");
  }
  if (command !== "preview" && values["--program-timeout"] !== undefined) {
    throw new UsageError("--program-timeout applies to preview only");
  }
  if (command === "preview" && (values["--jobs"] !== undefined || values["--endpoint"] !== undefined)) {
    throw new UsageError("--jobs and --endpoint apply to scan and grandfather only");
  }
  const jobs = values["--jobs"];
  if (jobs !== undefined && !/^[1-9][0-9]{0,2}$/.test(jobs)) {
    throw new UsageError(`--jobs must be a whole number from 1 to 999, not "${jobs}"`);
  }
  return {
    command: command as Command,
    inputs,
    policyPackConfig: values["--policy-pack-config"],
    asOf: values["--as-of"],
    format,
    output: values["--output"],
    policyPack: values["--policy-pack"],
    mocks: values["--mocks"],
    stack: values["--stack"] ?? "dev",
    checkExpected,
    rpcTimeoutMs: seconds("--rpc-timeout", values["--rpc-timeout"], DEFAULT_RPC_TIMEOUT_MS / 1000),
    programTimeoutMs: seconds("--program-timeout", values["--program-timeout"], DEFAULT_PROGRAM_TIMEOUT_MS / 1000),
    ...(jobs !== undefined ? { jobs: Number(jobs) } : {}),
    ...(values["--endpoint"] !== undefined ? { endpoint: values["--endpoint"] } : {}),
  };
}
