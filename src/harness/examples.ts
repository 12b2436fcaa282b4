import * as fs from "fs";
import * as path from "path";
import { analyzeResources, type LocatedDiagnostic } from "./analyzeResources";
import { toAnalyzedResources } from "./capturedResource";
import { compareOutcome, loadExpectedOutcome, type ExpectedOutcome } from "./expectedOutcome";
import { startPack, type PackProcess } from "./packProcess";
import { formatPoliciesSection } from "./pulumiStyleReport";
import { runProgram } from "./runProgram";

export interface ExampleResult {
    name: string;
    dir: string;
    asExpected: boolean;
    differences: string[];
    diagnostics: LocatedDiagnostic[];
    /** Set when the example could not be run at all (missing file, program error, ...). */
    error?: string;
}

interface RunExamplesOptions {
    /** The policy pack to run; default: the repository root (package.json main). */
    packDir?: string;
    /** Where the Pulumi-style output goes; default process.stdout. */
    write?: (text: string) => void;
    /** Only these example folder names. */
    only?: string[];
}

/** The directory holding PulumiPolicy.yaml above this file: the pack this repository builds. */
export function repositoryPackDir(from = __dirname): string {
    let dir = from;
    while (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
        const parent = path.dirname(dir);
        if (parent === dir) {
            throw new Error(`no PulumiPolicy.yaml above ${from}`);
        }
        dir = parent;
    }
    return dir;
}

export function listExamples(examplesDir: string): string[] {
    return fs
        .readdirSync(examplesDir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && e.name !== "ci" && fs.existsSync(path.join(examplesDir, e.name, "Pulumi.yaml")))
        .map((e) => e.name)
        .sort();
}

function readJson(file: string): unknown {
    const text = fs.readFileSync(file, "utf8");
    try {
        return JSON.parse(text);
    } catch (e) {
        throw new Error(`${file}: malformed JSON: ${(e as Error).message}`, { cause: e });
    }
}

async function runOne(pack: PackProcess, dir: string, write: (t: string) => void): Promise<ExampleResult> {
    const name = path.basename(dir);
    const result = (expected: ExpectedOutcome | undefined, diagnostics: LocatedDiagnostic[], error?: string): ExampleResult => {
        const differences = error ? [error] : compareOutcome(expected!, diagnostics);
        return { name, dir, asExpected: differences.length === 0, differences, diagnostics, ...(error ? { error } : {}) };
    };
    let expected: ExpectedOutcome;
    try {
        expected = loadExpectedOutcome(path.join(dir, "expected.json"));
    } catch (e) {
        return result(undefined, [], (e as Error).message);
    }
    const configFile = path.join(dir, "policy-config.json");
    try {
        const config = fs.existsSync(configFile) ? readJson(configFile) : {};
        try {
            await pack.configure(config);
        } catch (e) {
            const message = (e as Error).message;
            if (expected.configError !== undefined && message.includes(expected.configError)) {
                write(`error: ${message}\n`);
                return { name, dir, asExpected: true, differences: [], diagnostics: [] };
            }
            return result(expected, [], `policy-config.json was refused: ${message}`);
        }
        if (expected.configError !== undefined) {
            return result(expected, [], `expected policy-config.json to be refused with "${expected.configError}", but it was accepted`);
        }
        const run = await runProgram(dir, { mocksFile: path.join(dir, "mocks.json") });
        await pack.configureStack({ stack: run.stack, project: run.project, dryRun: true });
        const diagnostics = await analyzeResources(pack, toAnalyzedResources(run));
        const info = await pack.info();
        write(formatPoliciesSection({ name: info.name, version: info.version, source: `local: ${path.relative(process.cwd(), pack.packDir) || "."}` }, diagnostics) + "\n");
        return result(expected, diagnostics);
    } catch (e) {
        return result(expected, [], (e as Error).message);
    }
}

/** Runs every example the way `pulumi preview --policy-pack <pack> --policy-pack-config <file>` would. */
export async function runExamples(examplesDir: string, options: RunExamplesOptions = {}): Promise<ExampleResult[]> {
    const write = options.write ?? ((t: string) => void process.stdout.write(t));
    const names = listExamples(examplesDir).filter((n) => !options.only || options.only.includes(n));
    const pack = await startPack(options.packDir ?? repositoryPackDir(), { dryRun: true });
    const results: ExampleResult[] = [];
    try {
        for (const name of names) {
            write(`\n=== ${name}\n`);
            const r = await runOne(pack, path.join(examplesDir, name), write);
            results.push(r);
            write(verdictLine(r) + "\n");
        }
    } finally {
        await pack.stop();
    }
    return results;
}

function verdictLine(r: ExampleResult): string {
    if (r.asExpected) {
        return `${r.name}: as expected`;
    }
    return `${r.name}: NOT as expected\n${r.differences.map((d) => `    - ${d}`).join("\n")}`;
}

/** `examples [--pack <dir>] [<examples-dir> [<name>...]]`: exit 0 only when every example is as expected. */
async function main(argvIn: string[]): Promise<number> {
    const argv = [...argvIn];
    let packDir: string | undefined;
    const packFlag = argv.indexOf("--pack");
    if (packFlag >= 0) {
        packDir = argv[packFlag + 1];
        if (!packDir) {
            process.stderr.write("error: --pack needs a directory\n");
            return 2;
        }
        argv.splice(packFlag, 2);
    }
    const examplesDir = path.resolve(argv[0] ?? "examples");
    if (!fs.existsSync(examplesDir)) {
        process.stderr.write(`error: ${examplesDir}: no such directory\n`);
        return 2;
    }
    try {
        const results = await runExamples(examplesDir, { packDir, only: argv.length > 1 ? argv.slice(1) : undefined });
        const failed = results.filter((r) => !r.asExpected);
        process.stdout.write(`\n${results.length - failed.length} of ${results.length} examples as expected${failed.length ? `; not as expected: ${failed.map((f) => f.name).join(", ")}` : ""}\n`);
        return failed.length === 0 && results.length > 0 ? 0 : 1;
    } catch (e) {
        process.stderr.write(`error: ${(e as Error).message}\n`);
        return 2;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
}
