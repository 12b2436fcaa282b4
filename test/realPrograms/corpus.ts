import * as fs from "fs";
import * as path from "path";
import type { AnalyzedResource } from "../../src/harness/types";

/** test/fixtures/realPrograms/programs.json: which pulumi/examples programs are recorded, and how. */
export interface Corpus {
  source: { repository: string; commit: string; license: string };
  /** The SDK versions the recordings were made with (the versions the programs pin). */
  sdks: Record<string, string>;
  programs: CorpusProgram[];
}

export interface CorpusProgram {
  name: string;
  /** The program's directory in the repository. */
  path: string;
  /** Stack config, as Pulumi.dev.yaml would hold it. */
  config?: Record<string, unknown>;
  /** mocks.json: answers for the invokes the program makes. */
  mocks?: { invokes?: unknown[]; resources?: Record<string, unknown> };
  injections?: Injection[];
}

/** A restricted reference written into the program's source, and the finding it must produce. */
export interface Injection {
  name: string;
  edits: { file: string; replace: string; with: string }[];
  expect: { policy: string; resourceName: string };
  /**
   * "update" for a reference a preview cannot see (a value computed from another resource's output):
   * recorded with resolved values and replayed as `pulumi up` analyzes it before creating the resource.
   */
  at?: "preview" | "update";
  /** mocks.json for the injected copy, when it needs answers the unmodified program does not (an update resolves more). */
  mocks?: CorpusProgram["mocks"];
}

export const CORPUS_DIR = path.join(__dirname, "..", "fixtures", "realPrograms");

export function loadCorpus(): Corpus {
  return JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, "programs.json"), "utf8")) as Corpus;
}

export function programFixtureDir(name: string): string {
  return path.join(CORPUS_DIR, name);
}

export function recordedResources(program: string, injection?: string): AnalyzedResource[] {
  const file = injection ? path.join(programFixtureDir(program), "injected", `${injection}.json`) : path.join(programFixtureDir(program), "resources.json");
  return JSON.parse(fs.readFileSync(file, "utf8")) as AnalyzedResource[];
}
