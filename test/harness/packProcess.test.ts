import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PackFault, startPack, type PackProcess } from "../../src/harness/packProcess";
import { secret, UNKNOWN, urnFor } from "../../src/harness/wireValues";
import type { AnalyzedResource } from "../../src/harness/types";

const fixturePack = path.join(__dirname, "..", "fixtures", "emptyPack");
const faultPack = (name: string) => path.join(__dirname, "..", "fixtures", "faults", name);
const instanceType = "aws:ec2/instance:Instance";

function resource(name: string, properties: Record<string, unknown>, extra: Partial<AnalyzedResource> = {}): AnalyzedResource {
  return { type: instanceType, name, urn: urnFor(instanceType, name), properties, ...extra };
}

describe("a pack started through run-policy-pack", () => {
  let pack: PackProcess;

  beforeAll(async () => {
    pack = await startPack(fixturePack, { dryRun: true });
  });

  afterAll(async () => {
    await pack.stop();
  });

  it("reports its name, version and policies through GetAnalyzerInfo", async () => {
    const info = await pack.info();
    expect(info.name).toBe("harness-fixture");
    expect(info.version).toBe("0.0.1");
    expect(info.policies.map((p) => [p.name, p.enforcementLevel])).toEqual([
      ["flagged-resource", "mandatory"],
      ["echo-config", "advisory"],
      ["secret-shape", "advisory"],
      ["stack-count", "advisory"],
    ]);
    expect(info.policies[0].configSchema?.properties.note).toEqual({ type: "string", default: "no note" });
  });

  it("returns a mandatory diagnostic attributed to the analyzed resource's URN", async () => {
    await pack.configure({});
    const diags = await pack.analyze(resource("web", { flag: true }));
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({
      policyName: "flagged-resource",
      policyPackName: "harness-fixture",
      policyPackVersion: "0.0.1",
      enforcementLevel: "mandatory",
      urn: urnFor(instanceType, "web"),
    });
    expect(diags[0].message).toContain("flag set on web");
  });

  it("fills schema defaults into the config the policy receives", async () => {
    await pack.configure({});
    const [diag] = await pack.analyze(resource("web", { flag: true }));
    expect(diag.message).toContain("note=no note");
  });

  it("lets the file's enforcement level override the policy's default", async () => {
    await pack.configure({ "flagged-resource": "advisory" });
    const [diag] = await pack.analyze(resource("web", { flag: true }));
    expect(diag.enforcementLevel).toBe("advisory");
    await pack.configure({});
  });

  it("delivers unknown config keys to the pack, as the CLI does", async () => {
    await pack.configure({ "echo-config": { someUnknownKey: [1, 2] } });
    const [diag] = await pack.analyze(resource("web", { echoConfig: true }));
    expect(diag.message).toContain('{"someUnknownKey":[1,2]}');
    await pack.configure({});
  });

  it("sends secrets in wire form, which the pack unwraps", async () => {
    const [diag] = await pack.analyze(resource("db", { password: secret("hunter2") }));
    expect(diag.message).toContain("password=hunter2");
  });

  it("gives the pack the provider resource when one is given", async () => {
    const provider = {
      type: "pulumi:providers:aws",
      name: "default_7_48_0",
      urn: urnFor("pulumi:providers:aws", "default_7_48_0"),
      properties: { region: "eu-west-1" },
    };
    const [diag] = await pack.analyze(resource("web", { flag: true }, { provider }));
    expect(diag.message).toContain("provider=pulumi:providers:aws");
  });

  it("accepts unknown preview values without failing the call", async () => {
    await expect(pack.analyze(resource("web", { ami: UNKNOWN }))).resolves.toEqual([]);
  });

  it("passes parents and dependencies to AnalyzeStack", async () => {
    const parent = resource("parent", {});
    const child = resource("child", {}, { parent: parent.urn, dependencies: [parent.urn] });
    const diags = await pack.analyzeStack([parent, child]);
    expect(diags.map((d) => d.message.split("\n")[1])).toEqual(["resources=2 withParent=1 dependencies=1"]);
  });

  it("refuses a config that violates a policy's schema, naming the policy and the key", async () => {
    await expect(pack.configure({ "flagged-resource": { threshold: -1 } })).rejects.toThrow(
      "validating policy config: harness-fixture 0.0.1  flagged-resource: threshold: Must be greater than or equal to 0",
    );
  });

  it("exposes the process id for memory measurements", () => {
    expect(pack.pid).toBeGreaterThan(0);
    expect(() => process.kill(pack.pid, 0)).not.toThrow();
  });
});

describe("a pack process that dies, hangs or is replaced", () => {
  let pack: PackProcess | undefined;

  afterEach(async () => {
    await pack?.stop();
    pack = undefined;
  });

  it("rejects an Analyze past its deadline with a fault naming the resource and the deadline, and kills the process", async () => {
    pack = await startPack(faultPack("blocks"), { dryRun: true, rpcTimeoutMs: 1500 });
    await pack.configure({});
    const stuck = pack.pid;
    const failure = await pack.analyze(resource("poison", {})).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PackFault);
    expect(failure).toMatchObject({ reason: "gave no answer within 1.5 s", during: "Analyze", resource: urnFor(instanceType, "poison") });
    expect(() => process.kill(stuck, 0)).toThrow();
  }, 60_000);

  it("rejects every Analyze in flight with the same fault when the process is killed", async () => {
    pack = await startPack(faultPack("killsItself"), { dryRun: true });
    await pack.configure({});
    const failures = await Promise.all(["poison", "a", "b"].map((n) => pack!.analyze(resource(n, {})).catch((e: unknown) => e)));
    expect(new Set(failures).size).toBe(1);
    expect(failures[0]).toMatchObject({ reason: "was killed by SIGKILL", resource: urnFor(instanceType, "poison") });
    expect((failures[0] as PackFault).stderrTail).toEqual([`fault fixture: killing myself on ${urnFor(instanceType, "poison")}`]);
  }, 60_000);

  it("gives AnalyzeStack a deadline that grows with the stack's size", async () => {
    // 1 s per request plus 10 ms per resource: 300 resources get 4 s, 10 resources 1.1 s; the pass takes 2 s.
    pack = await startPack(faultPack("slow"), { dryRun: true, rpcTimeoutMs: 1000, env: { FAULT_FIXTURE_SLOW_STACK_MS: "2000" } });
    await pack.configure({});
    const stack = (n: number) => Array.from({ length: n }, (_, i) => resource(`r${i}`, {}));
    await expect(pack.analyzeStack(stack(300))).resolves.toEqual([]);
    await expect(pack.analyzeStack(stack(10))).rejects.toMatchObject({
      reason: "gave no answer within 1.1 s",
      during: "AnalyzeStack over 10 resources",
      resource: undefined,
    });
  }, 60_000);

  it("starts a fresh process on restart, with the Configure the last one had", async () => {
    pack = await startPack(fixturePack, { dryRun: true });
    await pack.configure({ "flagged-resource": { note: "kept across a restart" } });
    const first = pack.pid;
    await pack.restart();
    const [diag] = await pack.analyze(resource("web", { flag: true }));
    expect(pack.pid).not.toBe(first);
    expect(diag.message).toContain("note=kept across a restart");
  }, 60_000);
});

describe("starting a pack that cannot serve", () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "broken-pack-"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "broken", version: "1.0.0", main: "index.js" }));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("fails with the pack's stderr when the process exits before printing a port", async () => {
    fs.writeFileSync(path.join(dir, "index.js"), 'throw new Error("fixture pack refuses to start");\n');
    await expect(startPack(dir, { dryRun: true })).rejects.toThrow(/exited .* before printing its port[\s\S]*fixture pack refuses to start/);
  });

  it("fails with a timeout when the pack never prints a port", async () => {
    fs.writeFileSync(path.join(dir, "index.js"), "setInterval(() => {}, 1000);\n");
    await expect(startPack(dir, { dryRun: true, startTimeoutMs: 1500 })).rejects.toThrow("printed no port within 1500 ms");
  });

  it("fails clearly when the directory does not exist", async () => {
    await expect(startPack(path.join(dir, "missing"), { dryRun: true })).rejects.toThrow("does not exist");
  });
});
