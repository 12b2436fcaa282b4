import { parseArgs, UsageError } from "../../src/cli/args";

describe("command-line arguments", () => {
    it("reads a scan with every shared option", () => {
        expect(parseArgs(["scan", "a.json", "dir", "--policy-pack-config", "c.json", "--as-of=2024-08-15", "--format", "sarif", "--output", "o.sarif"])).toMatchObject({
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
});
