/**
 * Re-records the real-program corpus (test/fixtures/realPrograms): runs each program of
 * programs.json, copied from a pulumi/examples checkout, under mocks at preview and writes what the
 * engine would send the pack (toAnalyzedResources) to <name>/resources.json; each injection (a text
 * edit to the program's source, as an engineer would write it) is recorded to <name>/injected/<injection>.json,
 * at preview unless it says "at": "update".
 *
 *   npx ts-node --transpile-only scripts/realPrograms/record.ts <examples checkout> <SDK directory> [name ...]
 *
 * The SDK directory holds a node_modules with the cloud SDKs at the versions programs.json lists
 * (see scripts/realPrograms/README.md); the tests replay the recordings and need none of them.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { runProgram } from "../../src/harness/runProgram";
import { toAnalyzedResources } from "../../src/harness/capturedResource";
import { loadCorpus, programFixtureDir, type Corpus, type CorpusProgram, type Injection } from "../../test/realPrograms/corpus";

function copyProgram(source: string, target: string, sdkDir: string): void {
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(source, target, { recursive: true, filter: (p) => path.basename(p) !== "node_modules" });
  fs.symlinkSync(path.join(sdkDir, "node_modules"), path.join(target, "node_modules"), "dir");
}

function writeStack(dir: string, program: CorpusProgram, mocks = program.mocks): void {
  const config = Object.entries(program.config ?? {})
    .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}\n`)
    .join("");
  fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), `config:\n${config}`);
  if (mocks) {
    fs.writeFileSync(path.join(dir, "mocks.json"), JSON.stringify(mocks, null, 2));
  }
}

function inject(dir: string, injection: Injection): void {
  for (const edit of injection.edits) {
    const file = path.join(dir, edit.file);
    const text = fs.readFileSync(file, "utf8");
    if (text.split(edit.replace).length !== 2) {
      throw new Error(`${injection.name}: "${edit.replace}" must occur exactly once in ${edit.file}`);
    }
    fs.writeFileSync(
      file,
      text.replace(edit.replace, () => edit.with),
    );
  }
}

async function record(dir: string, out: string, preview = true): Promise<number> {
  const resources = toAnalyzedResources(await runProgram(dir, { preview, timeoutMs: 300_000 }));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(resources, null, 1)}\n`);
  return resources.length;
}

function notice(program: CorpusProgram, repository: string, commit: string): string {
  return [
    `Recorded from ${program.path}/ of ${repository} at commit ${commit},`,
    "Copyright 2016-2025, Pulumi Corporation, licensed under the Apache License, Version 2.0 (../LICENSE).",
    "resources.json holds the resources the unmodified program registers, as the Pulumi engine sends them to a",
    "policy pack during a preview; injected/*.json the same after the source edits listed in ../programs.json",
    '(during an update instead where the injection says "at": "update").',
    "",
  ].join("\n");
}

async function recordProgram(program: CorpusProgram, source: string, work: string, sdkDir: string, corpus: Corpus): Promise<void> {
  const fixtureDir = programFixtureDir(program.name);
  copyProgram(source, work, sdkDir);
  writeStack(work, program);
  const count = await record(work, path.join(fixtureDir, "resources.json"));
  fs.writeFileSync(path.join(fixtureDir, "NOTICE"), notice(program, corpus.source.repository, corpus.source.commit));
  process.stderr.write(`${program.name}: ${count} resources\n`);
  for (const injection of program.injections ?? []) {
    const injected = `${work}-${injection.name}`;
    copyProgram(source, injected, sdkDir);
    writeStack(injected, program, injection.mocks ?? program.mocks);
    inject(injected, injection);
    await record(injected, path.join(fixtureDir, "injected", `${injection.name}.json`), injection.at !== "update");
    process.stderr.write(`${program.name} + ${injection.name}: recorded\n`);
  }
}

function checkedOutCommit(checkout: string): string {
  return execFileSync("git", ["-C", checkout, "rev-parse", "HEAD"], { encoding: "utf8" }).trim();
}

async function main(): Promise<void> {
  const [examplesArg, sdkArg, ...only] = process.argv.slice(2);
  if (!examplesArg || !sdkArg) {
    throw new Error("usage: record.ts <pulumi/examples checkout> <SDK directory> [program name ...]");
  }
  const examples = path.resolve(examplesArg);
  const sdkDir = path.resolve(sdkArg);
  const corpus = loadCorpus();
  const commit = checkedOutCommit(examples);
  if (commit !== corpus.source.commit) {
    throw new Error(`${examples} is at ${commit}; programs.json was recorded from ${corpus.source.commit} (check that commit out, or update programs.json)`);
  }
  const scratch = path.join(sdkDir, "programs");
  const failed: string[] = [];
  for (const program of corpus.programs.filter((p) => only.length === 0 || only.includes(p.name))) {
    try {
      await recordProgram(program, path.join(examples, program.path), path.join(scratch, program.name), sdkDir, corpus);
    } catch (e) {
      // One program's failure is reported, and the others are still recorded.
      failed.push(program.name);
      process.stderr.write(`${program.name}: ${(e as Error).message}\n`);
    }
  }
  if (failed.length > 0) {
    throw new Error(`not recorded: ${failed.join(", ")}`);
  }
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
