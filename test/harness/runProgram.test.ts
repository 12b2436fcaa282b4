import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runProgram } from "../../src/harness/runProgram";
import { toAnalyzedResources } from "../../src/harness/capturedResource";
import type { ProgramRun } from "../../src/harness/capturedResource";
import { secret } from "../../src/harness/wireValues";

const ec2Program = path.join(__dirname, "..", "fixtures", "ec2Program");
const instanceUrn = "urn:pulumi:dev::harness-ec2::aws:ec2/instance:Instance::web";

describe("running a Pulumi program under mocks", () => {
  let run: ProgramRun;

  beforeAll(async () => {
    run = await runProgram(ec2Program);
  });

  it("captures the instance with the engine's URN and the root stack as parent", () => {
    const web = run.resources.find((r) => r.name === "web");
    expect(web).toMatchObject({
      type: "aws:ec2/instance:Instance",
      urn: instanceUrn,
      custom: true,
      parent: "urn:pulumi:dev::harness-ec2::pulumi:pulumi:Stack::harness-ec2-dev",
    });
  });

  it("feeds the invoke's mocked result into the instance's inputs", () => {
    expect(run.resources.find((r) => r.name === "web")?.inputs.ami).toBe("ami-0abcdef1234567890");
  });

  it("keeps a secret input in wire form", () => {
    expect(run.resources.find((r) => r.name === "web")?.inputs.userData).toEqual(secret("#!/bin/sh\necho s3cr3t"));
  });

  it("gives the instance the default provider the engine would create, configured from the stack", () => {
    const web = toAnalyzedResources(run).find((r) => r.urn === instanceUrn);
    expect(web?.provider).toEqual({
      type: "pulumi:providers:aws",
      name: "default_7_48_0",
      urn: "urn:pulumi:dev::harness-ec2::pulumi:providers:aws::default_7_48_0",
      properties: { region: "eu-west-1", version: "7.48.0" },
    });
  });

  it("lists the default provider once, before the resources that use it", () => {
    const types = toAnalyzedResources(run).map((r) => r.type);
    expect(types).toEqual(["pulumi:pulumi:Stack", "pulumi:providers:aws", "aws:ec2/instance:Instance"]);
  });
});

describe("where a resource is constructed in the program", () => {
  let dir: string;
  let run: ProgramRun;
  const lineOf = (name: string) => run.resources.find((r) => r.name === name)?.sourcePosition;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "program-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: located\nruntime: nodejs\n");
    // A component library, as helm.v3.Chart or awsx are: one child made in its constructor, one later in an apply.
    fs.mkdirSync(path.join(dir, "node_modules", "acme-web"), { recursive: true });
    fs.writeFileSync(
      path.join(dir, "node_modules", "acme-web", "index.js"),
      [
        'const aws = require("@pulumi/aws");',
        'const pulumi = require("@pulumi/pulumi");',
        "class Web extends pulumi.ComponentResource {",
        "    constructor(name, opts) {",
        '        super("acme:index:Web", name, {}, opts);',
        "        new aws.s3.Bucket(`${name}-direct`, {}, { parent: this });",
        '        pulumi.output("later").apply(() => new aws.s3.Bucket(`${name}-later`, {}, { parent: this }));',
        "        this.registerOutputs({});",
        "    }",
        "}",
        "exports.Web = Web;",
      ].join("\n"),
    );
    fs.writeFileSync(
      path.join(dir, "index.ts"),
      'import * as aws from "@pulumi/aws";\nconst { Web } = require("acme-web");\nnew Web("site");\nnew aws.s3.Bucket("own");\n',
    );
    run = await runProgram(dir);
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is the program's line for a resource it constructs itself", () => {
    expect(lineOf("own")).toEqual({ file: path.join(dir, "index.ts"), line: 4 });
  });

  it("is the program's line, not node_modules, for a component from a library", () => {
    expect(lineOf("site")).toEqual({ file: path.join(dir, "index.ts"), line: 3 });
  });

  it("is the line that constructs the component, for a child the library creates in its constructor", () => {
    expect(lineOf("site-direct")).toEqual({ file: path.join(dir, "index.ts"), line: 3 });
  });

  it("is the line that constructs the component, for a child the library creates later in an apply", () => {
    expect(lineOf("site-later")).toEqual({ file: path.join(dir, "index.ts"), line: 3 });
  });
});

describe('an ES module program ("type": "module")', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "program-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: esm\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "esm", type: "module", main: "index.ts" }));
    // ES modules resolve packages from the program's own node_modules only (no NODE_PATH), as a user's program does.
    fs.symlinkSync(path.join(__dirname, "..", "..", "node_modules"), path.join(dir, "node_modules"), "dir");
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("runs TypeScript with import syntax and top-level await", async () => {
    fs.writeFileSync(
      path.join(dir, "index.ts"),
      'import * as aws from "@pulumi/aws";\nconst suffix = await Promise.resolve("logs");\nexport const bucket = new aws.s3.Bucket(`esm-${suffix}`, { forceDestroy: true }).id;\n',
    );
    const run = await runProgram(dir);
    expect(run.resources.find((r) => r.name === "esm-logs")).toMatchObject({ type: "aws:s3/bucket:Bucket", inputs: { forceDestroy: true } });
  });

  it("runs a default-exported async function as the program", async () => {
    fs.writeFileSync(
      path.join(dir, "index.ts"),
      'import * as aws from "@pulumi/aws";\nexport default async () => {\n    new aws.s3.Bucket("from-default");\n};\n',
    );
    const run = await runProgram(dir);
    expect(run.resources.map((r) => r.name)).toContain("from-default");
  });
});

describe("a program that cannot run", () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "program-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: broken\nruntime: nodejs\n");
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("fails with the program's own message and no stack trace", async () => {
    fs.writeFileSync(path.join(dir, "index.ts"), 'throw new Error("the VPC id is missing");\n');
    const err = await runProgram(dir).catch((e: Error) => e);
    expect((err as Error).message).toBe(`${dir}: the program failed: the VPC id is missing`);
  });

  it("names the invoke token that has no mocked answer", async () => {
    fs.writeFileSync(
      path.join(dir, "index.ts"),
      'import * as aws from "@pulumi/aws";\nconst ami = aws.ec2.getAmiOutput({ owners: ["self"] });\nnew aws.ec2.Instance("i", { ami: ami.id, instanceType: "t3.micro" });\n',
    );
    await expect(runProgram(dir)).rejects.toThrow("no mock answer for invoke aws:ec2/getAmi:getAmi");
  });

  it("shows the mocks.json entry that answers a missing invoke", async () => {
    fs.writeFileSync(
      path.join(dir, "index.ts"),
      'import * as aws from "@pulumi/aws";\nconst ami = aws.ec2.getAmiOutput({ owners: ["self"] });\nnew aws.ec2.Instance("i", { ami: ami.id, instanceType: "t3.micro" });\n',
    );
    await expect(runProgram(dir)).rejects.toThrow(
      `add {"token":"aws:ec2/getAmi:getAmi","args":{"owners":["self"]},"result":{}} to "invokes" in ${path.join(dir, "mocks.json")}`,
    );
  });

  it("names the missing invoke when the program catches its failure and waits forever, instead of Pulumi's leaked-promise report", async () => {
    fs.writeFileSync(
      path.join(dir, "index.ts"),
      [
        'import * as aws from "@pulumi/aws";',
        'const ami = aws.ec2.getAmi({ owners: ["self"] }).catch(() => new Promise<aws.ec2.GetAmiResult>(() => {}));',
        'new aws.ec2.Instance("i", { ami: ami.then((a) => a.id), instanceType: "t3.micro" });',
      ].join("\n"),
    );
    const err = (await runProgram(dir).catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(/^\S+: the program failed: no mock answer for invoke aws:ec2\/getAmi:getAmi /);
    expect(err.message).not.toContain("promises");
  });

  it("says what a helm.v3.Chart's kubernetes:helm:template answer must hold", async () => {
    fs.writeFileSync(
      path.join(dir, "index.ts"),
      'import * as pulumi from "@pulumi/pulumi";\nexport const rendered = pulumi.runtime.invoke("kubernetes:helm:template", { jsonOpts: "{}" });\n',
    );
    await expect(runProgram(dir)).rejects.toThrow(
      'add {"token":"kubernetes:helm:template","args":{"jsonOpts":"{}"},"result":{"result":[]}} to "invokes" in ' +
        `${path.join(dir, "mocks.json")}; helm.v3.Chart renders its chart with this invoke, which only the Kubernetes provider can run: put the rendered manifests in "result.result" as a JSON list`,
    );
  });

  it("refuses a directory without Pulumi.yaml", async () => {
    fs.rmSync(path.join(dir, "Pulumi.yaml"));
    await expect(runProgram(dir)).rejects.toThrow("no Pulumi.yaml");
  });
});
