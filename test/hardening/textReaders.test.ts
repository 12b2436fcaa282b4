import { KCS_IMAGE, blocked, properties, useHardeningPack } from "./support";

const { configure, analyze } = useHardeningPack();

beforeAll(() => configure());

const MiB = 1024 * 1024;
const KiB = 1024;
const advisories = (diagnostics: Array<{ enforcementLevel: string; message: string }>) =>
  diagnostics.filter((d) => d.enforcementLevel === "advisory").map((d) => d.message.split("\n")[0]);
const instance = (userData: string) => analyze("aws:ec2/instance:Instance", { ami: "ami-0123456789abcdef0", userData });
const configMap = (data: Record<string, string>) =>
  analyze("kubernetes:core/v1:ConfigMap", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "m" }, data });

describe("the shell and document readers stay linear and bounded", () => {
  it.each([
    ["assignments glued to each other", `${"a=".repeat(MiB)}\ndocker run $a\n`],
    ["nested quoted assignments", `${'A="'.repeat(MiB / 3)}\ndocker run $A\n`],
    ["a long value used many times", `V=${"x".repeat(512)}\n${"docker run $V\n".repeat(MiB / 14)}`],
    [
      "a variable assigned many times and used in one word",
      `${Array.from({ length: 50_000 }, (_, i) => `A=v${i}\nB=w${i}\n`).join("")}docker run $A$B$A$B$A$B\n`,
    ],
    ["here-document starts without bodies", "cat <<EOF\n".repeat(MiB / 10)],
    ["here-documents that each use a long variable many times", `V=${"y".repeat(512)}\n${`cat <<EOF\n${"image: $V\n".repeat(1000)}EOF\n`.repeat(100)}`],
    ["helm --set with many pairs", `helm install a ./c --set ${Array.from({ length: 100_000 }, (_, i) => `k${i}.image=v${i}`).join(",")}\n`],
    ["a helm key of many dots", `helm install a ./c --set ${"a.".repeat(MiB / 4)}image=x\n`],
    ["PowerShell assignments", `<powershell>\n${"$a = $a\n".repeat(MiB / 8)}docker run $a\n</powershell>`],
    ["systemd Exec lines", "ExecStart=docker run --x a\n".repeat(MiB / 26)],
  ])("%s", async (_case, script) => {
    const started = Date.now();
    expect(blocked(await instance(script))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("finds a restricted image assigned at the start of 2 MiB of script and run at its end", async () => {
    const script = `#!/bin/sh\nIMG=${KCS_IMAGE}\n${"echo padding\n".repeat((2 * MiB) / 13)}docker run "$IMG"\n`;
    expect(properties(blocked(await instance(script)))).toEqual(["userData"]);
  });
});

describe("documents inside strings: what a limit leaves unread is reported", () => {
  it("says a document longer than 128 KiB was not parsed, and still finds a restricted host in its text", async () => {
    const manifest = `${"# padding\n".repeat((130 * KiB) / 10)}image: ${KCS_IMAGE}\n`;
    const diagnostics = await configMap({ "big.yaml": manifest });
    expect(properties(blocked(diagnostics))).toEqual(["data.big.yaml"]);
    expect(advisories(diagnostics)).toEqual([
      expect.stringMatching(/^Could not check everything: the text is longer than 131072 characters and was not parsed as a YAML document/),
    ]);
  });

  it("says a document whose aliases expand beyond the value budget was not read", async () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 7; i++)
      levels.push(
        `l${i}: &l${i} [${Array(10)
          .fill(i === 1 ? "*a" : `*l${i - 1}`)
          .join(", ")}]`,
      );
    const diagnostics = await configMap({ "bomb.yaml": `${levels.join("\n")}\nimage: examplevendor/agent:1\n` });
    expect(advisories(diagnostics)).toEqual([expect.stringMatching(/^Could not check everything: the YAML document holds more than 100000 values/)]);
  });

  it("parses 4 MiB of documents in a resource, says the rest was only scanned as text, and still finds a restricted host in it", async () => {
    const deployment = `apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: registry.example.com/app:1\n---\n`;
    const data = Object.fromEntries(Array.from({ length: 128 }, (_, i) => [`d${i}.yaml`, deployment.repeat(Math.floor((120 * KiB) / deployment.length))]));
    data["last.yaml"] = deployment.replace("registry.example.com/app:1", KCS_IMAGE);
    const diagnostics = await configMap(data);
    expect(properties(blocked(diagnostics))).toEqual(["data.last.yaml"]);
    expect(advisories(diagnostics)).toEqual([
      expect.stringMatching(/^Could not check everything: the resource holds more than 4194304 characters of YAML documents in strings/),
    ]);
  });
});

describe("wrong types in the GitOps kinds: no crash and no blocking finding", () => {
  const junk = [42, true, null, [], {}, [1, "two", null], "", "not-an-image !!", "{}", "image: [", { image: 42 }];
  const shapes: Array<[string, (v: unknown) => Record<string, unknown>]> = [
    ["kubernetes:helm.toolkit.fluxcd.io/v2:HelmRelease", (v) => ({ spec: { values: v, chart: v, chartRef: v } })],
    ["kubernetes:source.toolkit.fluxcd.io/v1beta2:OCIRepository", (v) => ({ spec: { url: v, ref: v } })],
    ["kubernetes:image.toolkit.fluxcd.io/v1beta2:ImageRepository", (v) => ({ spec: { image: v } })],
    ["kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization", (v) => ({ spec: { images: [v, { name: v, newName: v, newTag: v, digest: v }] } })],
    [
      "kubernetes:argoproj.io/v1alpha1:Application",
      (v) => ({
        spec: {
          source: { repoURL: v, chart: v, helm: { values: v, valuesObject: v, parameters: [v, { name: v, value: v }] }, kustomize: { images: [v] } },
          sources: v,
        },
      }),
    ],
    ["kubernetes:argoproj.io/v1alpha1:ApplicationSet", (v) => ({ spec: { template: v } })],
    ["kubernetes:core/v1:ConfigMap", (v) => ({ data: v })],
    ["kubernetes:yaml/v2:ConfigGroup", (v) => ({ yaml: v, objs: [v] })],
  ];

  it.each(shapes)("%s", async (type, shape) => {
    for (const value of junk) expect((await analyze(type, shape(value))).filter((d) => d.enforcementLevel !== "advisory")).toEqual([]);
  });
});
