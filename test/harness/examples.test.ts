import { spawnSync } from "child_process";
import * as path from "path";
import { runExamples, type ExampleResult } from "../../src/harness/examples";

const fixtures = path.join(__dirname, "..", "fixtures");
const examplesDir = path.join(fixtures, "examples");
const packDir = path.join(fixtures, "emptyPack");

describe("the examples runner", () => {
    let results: ExampleResult[];
    let output = "";

    beforeAll(async () => {
        results = await runExamples(examplesDir, { packDir, write: (t) => void (output += t) });
    });

    const byName = (n: string) => results.find((r) => r.name === n)!;

    it("runs every example folder except ci", () => {
        expect(results.map((r) => r.name)).toEqual(["flagged", "refusedConfig", "wrongExpectation"]);
    });

    it("judges an example that produced exactly its stated diagnostics as expected", () => {
        expect(byName("flagged")).toMatchObject({ asExpected: true, differences: [] });
    });

    it("prints the violation the way pulumi preview's Policies section does", () => {
        expect(output).toContain("    ❌ harness-fixture@v0.0.1 (local: ");
        expect(output).toContain("        - [mandatory]  flagged-resource  (test:index:Thing: t)\n          Reports resources whose input 'flag' is true.\n          flag set on t;");
    });

    it("reports both the missing and the unexpected diagnostic when an expectation is wrong", () => {
        const r = byName("wrongExpectation");
        expect(r.asExpected).toBe(false);
        expect(r.differences).toEqual([
            "missing [mandatory] flagged-resource on quiet",
            expect.stringMatching(/^unexpected \[mandatory\] flagged-resource on t: flag set on t/),
        ]);
        expect(output).toContain("wrongExpectation: NOT as expected\n    - missing [mandatory] flagged-resource on quiet");
    });

    it("accepts an example whose stated outcome is a refused config", () => {
        expect(byName("refusedConfig")).toMatchObject({ asExpected: true });
    });
});

describe("the examples command", () => {
    const script = path.join(__dirname, "..", "..", "src", "harness", "examples.ts");
    const run = (args: string[]) =>
        spawnSync(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), script, "--pack", packDir, examplesDir, ...args], {
            encoding: "utf8",
        });

    it("exits 0 when every selected example is as expected", () => {
        const r = run(["flagged", "refusedConfig"]);
        expect(r.stdout).toContain("2 of 2 examples as expected");
        expect(r.status).toBe(0);
    });

    it("exits 1 and names the example that is not as expected", () => {
        const r = run([]);
        expect(r.stdout).toContain("2 of 3 examples as expected; not as expected: wrongExpectation");
        expect(r.status).toBe(1);
    });
});
