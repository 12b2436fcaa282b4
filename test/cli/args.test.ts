import { parseArgs, UsageError } from "../../src/cli/args";

describe("command-line arguments", () => {
  it("reads a scan with every shared option", () => {
    expect(
      parseArgs(["scan", "a.json", "dir", "--policy-pack-config", "c.json", "--as-of=2024-08-15", "--format", "sarif", "--output", "o.sarif"]),
    ).toMatchObject({
      command: "scan",
      inputs: ["a.json", "dir"],
      policyPackConfig: "c.json",
      asOf: "2024-08-15",
      format: "sarif",
      output: "o.sarif",
    });
  });

  it("defaults to text and the dev stack", () => {
    expect(parseArgs(["preview", "prog"])).toMatchObject({ format: "text", stack: "dev", checkExpected: false });
  });

  it("asks for help when given nothing", () => {
    expect(parseArgs([])).toBe("help");
  });

  it("refuses an option without its value", () => {
    expect(() => parseArgs(["scan", "a.json", "--as-of"])).toThrow(new UsageError("--as-of needs a value"));
  });

  it("refuses preview-only options on scan", () => {
    expect(() => parseArgs(["scan", "a.json", "--mocks", "m.json"])).toThrow("--mocks and --stack apply to preview only");
  });

  it("refuses a command without inputs", () => {
    expect(() => parseArgs(["grandfather"])).toThrow("grandfather needs at least one file or directory");
  });

  it("reads --rpc-timeout and --program-timeout in seconds", () => {
    expect(parseArgs(["preview", "prog", "--rpc-timeout", "2.5", "--program-timeout=30"])).toMatchObject({ rpcTimeoutMs: 2500, programTimeoutMs: 30_000 });
  });

  it("defaults to a 120 s deadline for each request to the pack and for each program", () => {
    expect(parseArgs(["preview", "prog"])).toMatchObject({ rpcTimeoutMs: 120_000, programTimeoutMs: 120_000 });
  });

  it("refuses a deadline that is not a positive number of seconds", () => {
    expect(() => parseArgs(["scan", "a.json", "--rpc-timeout", "0"])).toThrow(
      new UsageError('--rpc-timeout takes a number of seconds greater than 0, not "0"'),
    );
    expect(() => parseArgs(["scan", "a.json", "--rpc-timeout", "5m"])).toThrow('--rpc-timeout takes a number of seconds greater than 0, not "5m"');
  });

  it("refuses --program-timeout on scan", () => {
    expect(() => parseArgs(["scan", "a.json", "--program-timeout", "10"])).toThrow("--program-timeout applies to preview only");
  });
});
