import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensureBuilt, repoRoot, runCli, type CliRun } from "./runCli";
import type { Report } from "../../src/cli/report";

const faults = path.join(repoRoot, "test", "fixtures", "faults");
const pack = (name: string) => path.join(faults, name);
const programs = path.join(faults, "programs");
const builtCli = path.join(repoRoot, "dist", "src", "cli", "main.js");

/** A version-3 stack export with one `test:index:Thing` per name; each has `flag: true`, so each is a finding. */
function writeExport(dir: string, stack: string, names: string[]): string {
  const resources = [
    { urn: `urn:pulumi:${stack}::app::pulumi:pulumi:Stack::app-${stack}`, custom: false, type: "pulumi:pulumi:Stack" },
    ...names.map((n) => ({ urn: poisonUrn(stack, n), custom: true, id: `${n}-id`, type: "test:index:Thing", inputs: { flag: true }, outputs: { flag: true } })),
  ];
  const file = path.join(dir, `${stack}.json`);
  fs.writeFileSync(file, JSON.stringify({ version: 3, deployment: { manifest: { time: "2026-01-01T00:00:00Z" }, resources } }));
  return file;
}

function poisonUrn(stack: string, name = "poison"): string {
  return `urn:pulumi:${stack}::app::test:index:Thing::${name}`;
}

/** Three stacks; the middle one holds the resource the fault packs fail on. */
function threeStacks(): { dir: string; good1: string; bad: string; good2: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rv-faults-"));
  return { dir, good1: writeExport(dir, "first", ["t1"]), bad: writeExport(dir, "middle", ["t2", "poison", "t3"]), good2: writeExport(dir, "last", ["t4"]) };
}

function timedRun(args: string[]): CliRun & { seconds: number } {
  const started = Date.now();
  const run = runCli(args);
  return { ...run, seconds: (Date.now() - started) / 1000 };
}

const sources = (report: Report) => report.stacks.map((s) => s.source);

describe("a policy pack process that dies mid-run", () => {
  let inputs: ReturnType<typeof threeStacks>;
  let run: CliRun & { seconds: number };
  let report: Report;

  beforeAll(() => {
    ensureBuilt();
    inputs = threeStacks();
    const output = path.join(inputs.dir, "report.json");
    run = timedRun([
      "scan",
      inputs.good1,
      inputs.bad,
      inputs.good2,
      "--policy-pack",
      pack("killsItself"),
      "--rpc-timeout",
      "10",
      "--format",
      "json",
      "--output",
      output,
    ]);
    report = JSON.parse(fs.readFileSync(output, "utf8")) as Report;
  }, 120_000);

  it("exits 2", () => {
    expect(run.status).toBe(2);
  });

  it("still reports every other stack with its findings", () => {
    expect(sources(report)).toEqual([inputs.good1, inputs.good2]);
    expect(report.summary).toMatchObject({ stacks: 2, mandatory: 2, inputErrors: 1 });
  });

  it("lists the stack as an input error naming the signal, the resource and the pack's last stderr lines", () => {
    expect(report.errors).toEqual([
      {
        source: inputs.bad,
        problem: `the policy pack process was killed by SIGKILL while analyzing ${poisonUrn("middle")}, again after a restart; its stderr ended with:\n    fault fixture: killing myself on ${poisonUrn("middle")}`,
        packFault: {
          reason: "was killed by SIGKILL",
          during: "Analyze",
          resource: poisonUrn("middle"),
          stderr: [`fault fixture: killing myself on ${poisonUrn("middle")}`],
        },
      },
    ]);
  });

  it("says why on the error line", () => {
    expect(run.stderr).toContain(`error: ${inputs.bad}: the policy pack process was killed by SIGKILL while analyzing ${poisonUrn("middle")}`);
  });

  it("is not marked interrupted", () => {
    expect(report.interrupted).toBe(false);
  });
});

/**
 * Scans the three stacks with a pack that kills itself once, at the point `onceFileVariable` selects, and
 * checks that the stack was checked again on a fresh pack: every stack reported, in order, with no error.
 * Returns the URN the pack died on (it writes it to the file the variable names).
 */
function expectEveryStackAfterOneDeath(onceFileVariable: string): string {
  ensureBuilt();
  const inputs = threeStacks();
  const once = path.join(inputs.dir, onceFileVariable);
  process.env[onceFileVariable] = once;
  try {
    const run = runCli(["scan", inputs.good1, inputs.bad, inputs.good2, "--policy-pack", pack("killsItselfOnce"), "--format", "json"]);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.errors).toEqual([]);
    expect(sources(report)).toEqual([inputs.good1, inputs.bad, inputs.good2]);
    expect(report.summary.mandatory).toBe(5);
    expect(run.status).toBe(1);
    return fs.readFileSync(once, "utf8");
  } finally {
    delete process.env[onceFileVariable];
  }
}

describe("a policy pack process that dies once", () => {
  it("is replaced and the stack checked again: every stack is reported, with no error", () => {
    expect(expectEveryStackAfterOneDeath("FAULT_FIXTURE_ONCE_FILE")).toBe(poisonUrn("middle"));
  }, 120_000);
});

describe("a policy pack process that dies once in the whole-stack pass", () => {
  it("is replaced and the stack, whose inputs were already released, is read and checked again: every stack is reported, with no error", () => {
    expect(expectEveryStackAfterOneDeath("FAULT_FIXTURE_STACK_ONCE_FILE")).toBe("urn:pulumi:first::app::pulumi:pulumi:Stack::app-first");
  }, 120_000);
});

describe("a policy pack process that hangs on one resource", () => {
  let inputs: ReturnType<typeof threeStacks>;
  let run: CliRun & { seconds: number };
  let sarif: {
    runs: Array<{ results: unknown[]; invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ message: { text: string } }> }> }>;
  };

  beforeAll(() => {
    ensureBuilt();
    inputs = threeStacks();
    const output = path.join(inputs.dir, "report.sarif");
    run = timedRun([
      "scan",
      inputs.good1,
      inputs.bad,
      inputs.good2,
      "--policy-pack",
      pack("blocks"),
      "--rpc-timeout",
      "2",
      "--format",
      "sarif",
      "--output",
      output,
    ]);
    sarif = JSON.parse(fs.readFileSync(output, "utf8"));
  }, 120_000);

  it("exits 2 and writes the SARIF report with the other stacks' results", () => {
    expect(run.status).toBe(2);
    expect(sarif.runs[0].results).toHaveLength(2);
  });

  it("names the deadline missed and the resource, as a tool execution notification", () => {
    const invocation = sarif.runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications.map((n) => n.message.text)).toEqual([
      `${inputs.bad}: the policy pack process gave no answer within 2 s while analyzing ${poisonUrn("middle")}, again after a restart; its stderr ended with:\n    fault fixture: blocking on ${poisonUrn("middle")}`,
    ]);
  });

  it("ends within its deadlines instead of waiting for the pack", () => {
    // Two 2 s deadlines and four pack starts; the default deadline alone would be 120 s.
    expect(run.seconds).toBeLessThan(60);
  });
});

describe("a policy pack process that answers slowly but within the deadline", () => {
  it("produces no error: every stack is reported", () => {
    ensureBuilt();
    const inputs = threeStacks();
    const run = runCli(["scan", inputs.good1, inputs.bad, inputs.good2, "--policy-pack", pack("slow"), "--rpc-timeout", "3", "--format", "json"]);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.errors).toEqual([]);
    expect(sources(report)).toEqual([inputs.good1, inputs.bad, inputs.good2]);
    expect(report.summary.mandatory).toBe(5);
    expect(run.status).toBe(1);
  }, 120_000);
});

describe("a policy pack that exits at start", () => {
  let run: CliRun;
  let markdown: string;

  beforeAll(() => {
    ensureBuilt();
    const inputs = threeStacks();
    const output = path.join(inputs.dir, "report.md");
    run = runCli(["scan", inputs.good1, "--policy-pack", pack("exitsAtStart"), "--format", "markdown", "--output", output]);
    markdown = fs.readFileSync(output, "utf8");
  }, 120_000);

  it("exits 2", () => {
    expect(run.status).toBe(2);
  });

  it("writes the markdown report with the pack as the input that could not be checked, and its stderr", () => {
    expect(markdown).toContain("⚠️ 1 input(s) could not be checked");
    expect(markdown).toContain(
      `- \`${pack("exitsAtStart")}\`: the policy pack could not be started: it exited (code 3) before printing its port; its stderr ended with:     fault fixture: cannot load my policies`,
    );
  });

  it("gives the same cause on the error line", () => {
    expect(run.stderr).toBe(
      `error: ${pack("exitsAtStart")}: the policy pack could not be started: it exited (code 3) before printing its port; its stderr ended with:\n    fault fixture: cannot load my policies\n`,
    );
  });
});

describe("a config the pack refuses", () => {
  it("still gets a JSON report listing it as the input error, and exits 2", () => {
    ensureBuilt();
    const inputs = threeStacks();
    const bad = path.join(repoRoot, "test", "fixtures", "cli", "config-unknown-key.json");
    const output = path.join(inputs.dir, "report.json");
    const run = runCli(["scan", inputs.good1, "--policy-pack-config", bad, "--format", "json", "--output", output]);
    const report = JSON.parse(fs.readFileSync(output, "utf8")) as Report;
    expect(run.status).toBe(2);
    expect(report.errors).toEqual([{ source: bad, problem: expect.stringMatching(/^restricted-vendor-ami: .*grandfatherd/) }]);
    expect(report.stacks).toEqual([]);
  }, 120_000);
});

describe("preview: programs that hang or die", () => {
  let run: CliRun;
  let report: Report;

  beforeAll(() => {
    ensureBuilt();
    const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rv-faults-")), "report.json");
    run = runCli([
      "preview",
      path.join(programs, "diesHard"),
      path.join(programs, "neverFinishes"),
      path.join(programs, "flagged"),
      "--policy-pack",
      pack("slow"),
      "--program-timeout",
      "20",
      "--format",
      "json",
      "--output",
      output,
    ]);
    report = JSON.parse(fs.readFileSync(output, "utf8")) as Report;
  }, 180_000);

  it("exits 2 and reports the program that finished", () => {
    expect(run.status).toBe(2);
    expect(sources(report)).toEqual([path.join(programs, "flagged")]);
    expect(report.summary.mandatory).toBe(1);
  });

  it("stops a program still running at --program-timeout and lists it with that cause", () => {
    expect(report.errors).toContainEqual({ source: path.join(programs, "neverFinishes"), problem: "the program did not finish within 20 s and was stopped" });
  });

  it("lists a program killed by a signal with the signal, and only that program", () => {
    expect(report.errors).toContainEqual({ source: path.join(programs, "diesHard"), problem: "the program runner exited (SIGKILL) without a result" });
    expect(report.errors).toHaveLength(2);
  });
});

describe("Ctrl-C or SIGTERM during a run", () => {
  it("writes the report for the stacks finished, marks it interrupted and exits 2", async () => {
    ensureBuilt();
    const inputs = threeStacks();
    const output = path.join(inputs.dir, "report.json");
    const marker = path.join(inputs.dir, "blocked");
    const child = spawn(
      process.execPath,
      [
        builtCli,
        "scan",
        inputs.good1,
        inputs.bad,
        inputs.good2,
        "--policy-pack",
        pack("blocks"),
        "--rpc-timeout",
        "600",
        "--jobs",
        "1",
        "--format",
        "json",
        "--output",
        output,
      ],
      {
        env: { ...process.env, FAULT_FIXTURE_BLOCKED_MARKER: marker },
        stdio: "ignore",
      },
    );
    const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.on("exit", (code) => resolve({ code, at: Date.now() })));
    while (!fs.existsSync(marker)) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const signalledAt = Date.now();
    child.kill("SIGTERM");
    const { code, at } = await exited;
    const report = JSON.parse(fs.readFileSync(output, "utf8")) as Report;
    expect(code).toBe(2);
    expect(report.interrupted).toBe(true);
    expect(sources(report)).toEqual([inputs.good1]);
    expect(report.errors).toEqual([]);
    expect(at - signalledAt).toBeLessThan(15_000);
  }, 120_000);
});
