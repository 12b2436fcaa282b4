import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UNKNOWN } from "../../src/harness/wireValues";
import { KCS_IMAGE, levels, properties, useContainerPack } from "./support";

const { configure, analyze } = useContainerPack();

let context: string;
beforeAll(() => {
  context = fs.mkdtempSync(path.join(os.tmpdir(), "container-policy-"));
  fs.writeFileSync(path.join(context, "Dockerfile"), ["ARG BASE=nginx:1.27", "FROM ${BASE} AS web", "RUN echo built", "FROM web", "COPY . /srv"].join("\n"));
  fs.writeFileSync(path.join(context, "scanner.Dockerfile"), `FROM --platform=linux/amd64 \\\n  ${KCS_IMAGE}\n`);
});
afterAll(() => fs.rmSync(context, { recursive: true, force: true }));
beforeEach(() => configure());

describe("Docker provider images", () => {
  it("blocks docker.Container image", async () => {
    expect(properties(await analyze("docker:index/container:Container", { image: KCS_IMAGE, name: "scanner" }))).toEqual(["image"]);
  });

  it("blocks docker.RemoteImage name", async () => {
    expect(properties(await analyze("docker:index/remoteImage:RemoteImage", { name: KCS_IMAGE }))).toEqual(["name"]);
  });

  it("leaves a container that runs a local image ID alone (its RemoteImage is checked)", async () => {
    expect(await analyze("docker:index/container:Container", { image: `sha256:${"a".repeat(64)}`, name: "web" })).toEqual([]);
  });
});

describe("Dockerfile base images of builds", () => {
  it("reads the FROM line of docker.Image's Dockerfile in an absolute build context", async () => {
    const diagnostics = await analyze("docker:index/image:Image", {
      imageName: "registry.example.com/app:1",
      build: { context, dockerfile: path.join(context, "scanner.Dockerfile") },
    });
    expect(properties(diagnostics)).toEqual(["build.dockerfile"]);
    expect(diagnostics[0].message).toContain(`FROM on line 1 of ${path.join(context, "scanner.Dockerfile")}`);
  });

  it("resolves a FROM line through a literal build argument", async () => {
    const diagnostics = await analyze("docker:index/image:Image", { imageName: "registry.example.com/app:1", build: { context, args: { BASE: KCS_IMAGE } } });
    expect(properties(diagnostics)).toEqual(["build.context"]);
  });

  it("uses the ARG default when no build argument is given, and skips FROM of an earlier stage", async () => {
    expect(await analyze("docker:index/image:Image", { imageName: "registry.example.com/app:1", build: { context } })).toEqual([]);
  });

  it("fails closed when the build argument a FROM line uses is unknown", async () => {
    const diagnostics = await analyze("docker:index/image:Image", { imageName: "registry.example.com/app:1", build: { context, args: { BASE: UNKNOWN } } });
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual(["build.args.BASE"]);
  });

  it("reads docker-build.Image's inline Dockerfile", async () => {
    const diagnostics = await analyze("docker-build:index:Image", {
      push: false,
      dockerfile: { inline: `FROM ${KCS_IMAGE}\nRUN true\n` },
      context: { location: context },
    });
    expect(properties(diagnostics)).toEqual(["dockerfile.inline"]);
  });

  it("reads docker-build.Image's Dockerfile from its context, with buildArgs", async () => {
    const diagnostics = await analyze("docker-build:index:Image", {
      push: false,
      context: { location: context },
      buildArgs: { BASE: "examplevendor/agent:7" },
    });
    expect(properties(diagnostics)).toEqual(["context.location"]);
    expect(diagnostics[0].message).toContain('image repository pattern "docker.io/examplevendor/**"');
  });

  it("reads docker.RemoteImage's build, whose Dockerfile name is relative to the context", async () => {
    const diagnostics = await analyze("docker:index/remoteImage:RemoteImage", { name: "app:dev", build: { context, dockerfile: "scanner.Dockerfile" } });
    expect(properties(diagnostics)).toEqual(["build.dockerfile"]);
  });

  it("says it could not check a relative build context, which only the program can resolve", async () => {
    const diagnostics = await analyze("docker:index/image:Image", { imageName: "registry.example.com/app:1", build: { context: "./app" } });
    expect(levels(diagnostics)).toEqual(["advisory"]);
    expect(diagnostics[0].message).toContain("relative build context");
  });

  it("names the relative build context and both remedies, without calling the path absolute", async () => {
    const [diagnostic] = await analyze("docker:index/image:Image", { imageName: "registry.example.com/app:1", build: { context: "./app" } });
    expect(diagnostic.message.split("\n")[0]).toBe(
      "Could not check: the value is not a Dockerfile the policy pack can read; a relative build context (\"./app\") is resolved in the Pulumi program's directory, which `pulumi preview` does not tell a policy pack; make it absolute (path.join(__dirname, ...)) or set the policy's programDirectory config.",
    );
  });

  it("resolves a relative build context in the configured programDirectory", async () => {
    await configure({ programDirectory: path.dirname(context) });
    const diagnostics = await analyze("docker:index/image:Image", {
      imageName: "registry.example.com/app:1",
      build: { context: `./${path.basename(context)}`, args: { BASE: KCS_IMAGE } },
    });
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(diagnostics[0].message).toContain(`FROM on line 2 of ${path.join(context, "Dockerfile")}`);
  });

  it("resolves docker.Image's relative Dockerfile path in the configured programDirectory, as the provider does", async () => {
    await configure({ programDirectory: path.dirname(context) });
    const diagnostics = await analyze("docker:index/image:Image", {
      imageName: "registry.example.com/app:1",
      build: { context, dockerfile: `${path.basename(context)}/scanner.Dockerfile` },
    });
    expect(properties(diagnostics)).toEqual(["build.dockerfile"]);
  });

  it("refuses a programDirectory that is not absolute, as the Pulumi CLI does from the config schema", async () => {
    await expect(configure({ programDirectory: "app" })).rejects.toThrow("programDirectory");
  });

  it("says it could not check a Dockerfile that cannot be read", async () => {
    const diagnostics = await analyze("docker:index/image:Image", {
      imageName: "registry.example.com/app:1",
      build: { context: path.join(context, "missing") },
    });
    expect(levels(diagnostics)).toEqual(["advisory"]);
    expect(diagnostics[0].message).toContain("could not be read (ENOENT)");
  });
});
