import { imageArguments } from "../../src/extract/text/commandLine";
import { dockerHubVendor, levels, properties, useContainerPack } from "./support";

const { configure, analyze } = useContainerPack();

beforeEach(() => configure());

const MiB = 1024 * 1024;

/** A Pod with one container whose other properties are `container`. */
const pod = (container: Record<string, unknown>) =>
  analyze("kubernetes:core/v1:Pod", { spec: { containers: [{ name: "c", image: "nginx:1.27", ...container }] } });

const taskDefinition = (container: Record<string, unknown>) =>
  analyze("aws:ecs/taskDefinition:TaskDefinition", { family: "app", containerDefinitions: JSON.stringify([{ name: "a", image: "docker:27", ...container }]) });

const instance = (userData: string) => analyze("aws:ec2/instance:Instance", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro", userData });

const headline = (message: string) => message.split("\n")[0];

/** A vendor owning a Docker Hub namespace that an unrelated namespace starts with (Docker Hub's kasperskytte). */
const kasperskyHub = { ...dockerHubVendor, id: "kaspersky-hub", identifiers: { imageRepositories: ["docker.io/kaspersky/**"] } };

describe("exec form: a command given as a list of words", () => {
  it("blocks a restricted image in a Kubernetes command list", async () => {
    const diagnostics = await pod({ command: ["docker", "run", "--rm", "examplevendor/agent"] });
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual(["spec.containers[0].command[3]"]);
  });

  it("names the command the image is an argument of", async () => {
    const [diagnostic] = await pod({ command: ["docker", "run", "--rm", "examplevendor/agent"] });
    expect(headline(diagnostic.message)).toBe("Blocked: container image reference in text of restricted vendor example-vendor.");
    expect(diagnostic.message).toContain('examplevendor/agent (argument of "docker run")');
  });

  it("leaves a command list that runs an unrestricted image alone", async () => {
    expect(await pod({ command: ["docker", "run", "--rm", "nginx:1.27"] })).toEqual([]);
  });

  it("reads a Kubernetes container's command followed by its args as one command", async () => {
    const diagnostics = await pod({ command: ["docker"], args: ["pull", "examplevendor/agent"] });
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual(["spec.containers[0].args[1]"]);
  });

  it("does not join the command of one container with the args of another", async () => {
    const diagnostics = await analyze("kubernetes:core/v1:Pod", {
      spec: {
        containers: [
          { name: "a", image: "nginx:1.27", command: ["docker"] },
          { name: "b", image: "nginx:1.27", args: ["pull", "examplevendor/agent"] },
        ],
      },
    });
    expect(diagnostics).toEqual([]);
  });

  it("blocks crictl pull in exec form", async () => {
    const diagnostics = await pod({ command: ["crictl", "pull", "examplevendor/agent"] });
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual(["spec.containers[0].command[2]"]);
  });

  it("blocks a restricted image in an ECS container definition's command list", async () => {
    const diagnostics = await taskDefinition({ command: ["docker", "run", "examplevendor/agent:7"] });
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual(["containerDefinitions[0].command[2]"]);
  });

  it("reads an ECS container's entryPoint followed by its command as one command", async () => {
    const diagnostics = await taskDefinition({ entryPoint: ["docker"], command: ["run", "examplevendor/agent:7"] });
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual(["containerDefinitions[0].command[1]"]);
  });

  it("leaves an ECS command list that runs an unrestricted image alone", async () => {
    expect(await taskDefinition({ command: ["docker", "run", "nginx:1.27"] })).toEqual([]);
  });

  it("still reads a whole command line held by one element of the list", async () => {
    const diagnostics = await pod({ command: ["sh", "-c", "docker run examplevendor/agent"] });
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual(["spec.containers[0].command[2]"]);
  });

  it("blocks a restricted image in a cloud-config runcmd entry written as a list", async () => {
    const diagnostics = await instance("#cloud-config\nruncmd:\n  - [docker, run, -d, examplevendor/agent:7]\n");
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual(["userData"]);
  });

  it("reads quoted items of a cloud-config list entry as single words", async () => {
    const diagnostics = await instance("#cloud-config\nruncmd:\n  - [ docker, run, -e, \"GREETING=hello world\", 'examplevendor/agent:7' ]\n");
    expect(levels(diagnostics)).toEqual(["mandatory"]);
  });

  it("reads a cloud-config list entry in base64-encoded user data", async () => {
    const diagnostics = await instance(Buffer.from("#cloud-config\nruncmd:\n  - [docker, run, -d, examplevendor/agent:7]\n").toString("base64"));
    expect(levels(diagnostics)).toEqual(["mandatory"]);
  });

  it("leaves a cloud-config list entry that runs an unrestricted image alone", async () => {
    expect(await instance("#cloud-config\nruncmd:\n  - [docker, run, -d, nginx:1.27]\n")).toEqual([]);
  });
});

describe("command lines: quotes, flags and operators", () => {
  const lines = [
    ["a double-quoted value with a space", 'docker run -d -e "GREETING=hello world" IMAGE'],
    ["a single-quoted value with a space", "docker run --label 'description=my app' IMAGE"],
    ["a quoted entrypoint of two words", 'docker run --entrypoint "/bin/sh -c" IMAGE'],
    ["an escaped space in a value", "docker run -e GREETING=hello\\ world IMAGE"],
    ["podman's --rmi, which takes no value", "podman run --rmi IMAGE"],
    ["nerdctl's --insecure-registry, which takes no value", "nerdctl run --insecure-registry IMAGE"],
    ["docker's global -D, which takes no value", "docker -D pull IMAGE"],
    ["docker's global --tls, which takes no value", "docker --tls pull IMAGE"],
    ["a second command after a single &", "docker run -d nginx & docker run -d IMAGE"],
    ["a quoted value inside a quoted command", `sh -c "docker run -e 'GREETING=hello world' IMAGE"`],
    ["a redirection with its target before the image", "docker run 2>/dev/null IMAGE"],
    ["a redirection operator and its target before the image", "docker run > /tmp/run.log IMAGE"],
    ["a duplicated file descriptor before the image", "docker run 2>&1 IMAGE"],
  ];

  it.each(lines)("blocks a restricted image after %s", async (_case, line) => {
    expect(levels(await pod({ args: [line.replace("IMAGE", "examplevendor/agent:7")] }))).toEqual(["mandatory"]);
  });

  it.each(lines)("leaves an unrestricted image after %s alone", async (_case, line) => {
    expect(await pod({ args: [line.replace("IMAGE", "nginx:1.27")] })).toEqual([]);
  });

  it("reports the word after a flag it does not know as an image as well as the next one", async () => {
    expect(levels(await pod({ args: ["docker run --some-future-flag examplevendor/agent:7 nginx:1.27"] }))).toEqual(["mandatory"]);
  });

  it("reports the word after a flag it does not know as an image when nothing follows it", async () => {
    expect(levels(await pod({ args: ["docker run --some-future-flag examplevendor/agent:7"] }))).toEqual(["mandatory"]);
  });

  it("still reads the image after a flag it knows to take a value", async () => {
    expect(imageArguments("docker run --name examplevendor-agent nginx:1.27").map((a) => a.image)).toEqual(["nginx:1.27"]);
  });

  it("reads a quoted command line, as in echo, as a command as the scan always has", async () => {
    expect(levels(await pod({ args: ['echo "docker run examplevendor/agent"'] }))).toEqual(["mandatory"]);
  });

  it("reads the commands after an apostrophe in a comment", async () => {
    expect(levels(await pod({ args: ["# don't pin this\ndocker run -e 'GREETING=hello world' examplevendor/agent:7"] }))).toEqual(["mandatory"]);
  });

  it("does not read kasperskytte/* as a vendor's kaspersky/* namespace", async () => {
    await configure({ additionalVendors: [kasperskyHub] });
    expect(await pod({ command: ["docker", "run", "kasperskytte/agent"], args: ["docker run kasperskytte/agent"] })).toEqual([]);
  });

  it("blocks the vendor's kaspersky/* namespace with the same vendor definition", async () => {
    await configure({ additionalVendors: [kasperskyHub] });
    expect(levels(await pod({ command: ["docker", "run", "kaspersky/agent"] }))).toEqual(["mandatory"]);
  });
});

describe("command lines built to make the parser slow are read in linear time", () => {
  it.each([
    ["nested double quotes", `sh -c "${'docker run \\"'.repeat(MiB / 12)}`],
    ["alternating quotes", `docker run ${"'\"".repeat(MiB / 2)}`],
    ["unknown flags before every word", `docker run ${"--x a ".repeat(MiB / 6)}`],
    ["backslashes", `docker run ${"\\".repeat(MiB)}`],
    ["a cloud-config list of many items", `#cloud-config\nruncmd:\n  - [docker, ${"a, ".repeat(MiB / 3)}]\n`],
  ])("%s", async (_case, text) => {
    const diagnostics = await instance(text);
    expect(diagnostics.filter((d) => d.enforcementLevel === "mandatory")).toEqual([]);
  });
});
