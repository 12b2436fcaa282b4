import * as fs from "fs";
import * as path from "path";
import { startPack, type PackProcess } from "../../src/harness/packProcess";
import { analyzeResources, type LocatedDiagnostic } from "../../src/harness/analyzeResources";
import { RESOURCE_REFERENCE_SIG_VALUE } from "../../src/harness/wireValues";
import { REPO_ROOT } from "../support/pack";
import { CORPUS_DIR, loadCorpus, recordedResources, type Injection } from "./corpus";

/**
 * Real programs from pulumi/examples, replayed as the engine sends them (recorded by
 * scripts/realPrograms/record.ts) through the pack started as the CLI starts it: for a preview, and for
 * the injections a preview cannot see, for an update. The config adds a test vendor whose identifiers
 * the injections use.
 */
const corpus = loadCorpus();
const TEST_VENDOR = "example-agent-vendor";
const config = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, "policy-config.json"), "utf8"));
const injections = corpus.programs.flatMap((program) => (program.injections ?? []).map((injection) => ({ program: program.name, ...injection })));

// At preview an unknown value that could hold a restricted reference is deferred to `pulumi up`, which checks it
// once resolved (unknownsAtPreview "advisory"): the one advisory an unmodified program may get.
const DEFERRED_TO_UPDATE = /^Could not check yet: .* unknown during preview; `pulumi up` checks it/;
// A relative Docker build path: `pulumi preview` does not tell a policy pack the program's directory (the recordings
// carry none, as a real preview's requests do not); the advisory says how to make it readable.
const RELATIVE_BUILD_PATH = /a relative (build context|Dockerfile path) \("[^"]+"\) is resolved in the Pulumi program's directory/;
const ACTIONABLE_REMEDY = "make it absolute (path.join(__dirname, ...)) or set the policy's programDirectory config";

const summary = (d: LocatedDiagnostic) => `${d.enforcementLevel} ${d.policyName} on ${d.resourceType}::${d.resourceName}: ${d.message.split("\n")[0]}`;

async function configuredPack(dryRun: boolean): Promise<PackProcess> {
  const pack = await startPack(REPO_ROOT, { dryRun });
  await pack.configure(config);
  return pack;
}

describe("the recorded corpus", () => {
  it.each(corpus.programs.map((p) => [p.name, p.path] as const))("%s keeps the licence and names its source path and commit", (name, sourcePath) => {
    const notice = fs.readFileSync(path.join(CORPUS_DIR, name, "NOTICE"), "utf8");
    expect(notice).toContain(`${sourcePath}/ of ${corpus.source.repository} at commit ${corpus.source.commit}`);
    expect(notice).toContain("Apache License, Version 2.0 (../LICENSE)");
    expect(fs.readFileSync(path.join(CORPUS_DIR, "LICENSE"), "utf8")).toContain("Apache License\n                           Version 2.0, January 2004");
  });

  it("holds no resource reference, which the engine never sends an analyzer", () => {
    const recordings = [...corpus.programs.map((p) => recordedResources(p.name)), ...injections.map((i) => recordedResources(i.program, i.name))];
    expect(recordings.filter((resources) => JSON.stringify(resources).includes(RESOURCE_REFERENCE_SIG_VALUE))).toEqual([]);
  });
});

describe("real programs (pulumi/examples) as the engine sends them", () => {
  const packs: PackProcess[] = [];
  const findings = new Map<string, LocatedDiagnostic[]>();
  const key = (program: string, injection?: Injection) => (injection ? `${program} + ${injection.name}` : program);

  beforeAll(async () => {
    const preview = await configuredPack(true);
    packs.push(preview);
    for (const program of corpus.programs) {
      findings.set(key(program.name), await analyzeResources(preview, recordedResources(program.name)));
    }
    const atUpdate = injections.filter((i) => i.at === "update");
    const update = atUpdate.length > 0 ? await configuredPack(false) : undefined;
    if (update) packs.push(update);
    for (const injection of injections) {
      const pack = injection.at === "update" ? update! : preview;
      findings.set(key(injection.program, injection), await analyzeResources(pack, recordedResources(injection.program, injection.name)));
    }
  }, 300_000);

  afterAll(async () => {
    await Promise.all(packs.map((p) => p.stop()));
  });

  describe.each(corpus.programs.map((p) => p.name))("%s, unmodified, at preview", (name) => {
    it("gets no mandatory finding", () => {
      expect(
        findings
          .get(name)!
          .filter((d) => d.enforcementLevel === "mandatory")
          .map(summary),
      ).toEqual([]);
    });

    it("gets no advisory other than a value deferred to the update or a relative Docker build path", () => {
      const advisories = findings
        .get(name)!
        .filter((d) => d.enforcementLevel === "advisory" && !DEFERRED_TO_UPDATE.test(d.message) && !RELATIVE_BUILD_PATH.test(d.message));
      expect(advisories.map(summary)).toEqual([]);
    });

    it("tells how to act on every relative Docker build path it could not read", () => {
      const unread = findings.get(name)!.filter((d) => RELATIVE_BUILD_PATH.test(d.message));
      expect(unread.filter((d) => d.enforcementLevel !== "advisory" || !d.message.includes(ACTIONABLE_REMEDY)).map(summary)).toEqual([]);
    });
  });

  it.each(injections.map((i) => [key(i.program, i), i.at ?? "preview", i] as const))(
    "%s is blocked at %s by the right policy, naming the vendor",
    (_, __, injection) => {
      const blocking = findings.get(key(injection.program, injection))!.filter((d) => d.enforcementLevel === "mandatory" && d.message.includes(TEST_VENDOR));
      expect(blocking.map((d) => [d.policyName, d.resourceName])).toContainEqual([injection.expect.policy, injection.expect.resourceName]);
    },
  );
});
