import { gzipSync } from "zlib";
import { imageArguments } from "../../src/extract/text/commandLine";
import { referencesInText } from "../../src/extract/text/textReferences";
import { userDataTexts } from "../../src/extract/text/userData";

const values = (text: string) => referencesInText("p", text).map((r) => r.value);

describe("image arguments of container commands", () => {
  it.each([
    ["docker pull nginx", "nginx"],
    ["sudo docker run -d --rm -p 80:80 -e TOKEN=x --name web examplevendor/agent:7 serve", "examplevendor/agent:7"],
    ["docker run -it --entrypoint sh examplevendor/agent", "examplevendor/agent"],
    ["docker container run --network=host examplevendor/agent", "examplevendor/agent"],
    ["/usr/bin/podman pull --tls-verify=false examplevendor/agent", "examplevendor/agent"],
    ["nerdctl run --platform linux/amd64 examplevendor/agent", "examplevendor/agent"],
    ["ctr -n k8s.io images pull docker.io/examplevendor/agent:7", "docker.io/examplevendor/agent:7"],
    ["ctr run --rm docker.io/examplevendor/agent:7 agent", "docker.io/examplevendor/agent:7"],
    ["crictl pull examplevendor/agent", "examplevendor/agent"],
    ["kubectl run agent --image=examplevendor/agent:7", "examplevendor/agent:7"],
    ["docker run \\\n  --rm \\\n  examplevendor/agent", "examplevendor/agent"],
  ])("%s", (command, image) => {
    expect(imageArguments(command).map((a) => a.image)).toEqual([image]);
  });

  it("finds one image per command in a script", () => {
    expect(imageArguments("set -e; docker pull a/b && docker run c/d\necho done").map((a) => a.image)).toEqual(["a/b", "c/d"]);
  });

  it("finds nothing in commands that do not pull or run", () => {
    expect(imageArguments("docker ps -a; docker logs web; crictl ps; podman images")).toEqual([]);
  });
});

describe("references in text", () => {
  it("keeps a URL's scheme, host and path, but not its user info, query or fragment", () => {
    expect(values("curl -fsSL https://user:s3cret@repo.example.com/install.sh?token=abc#x | sh")).toEqual(["https://repo.example.com/install.sh"]);
  });

  it("reads oci:// and docker:// references as images", () => {
    const references = referencesInText(
      "p",
      "helm install kcs oci://repo.kcs.kaspersky.com/charts/kcs --version 2.0; skopeo copy docker://ghcr.io/a/b:1 dir:/tmp/b",
    );
    expect(references.map((r) => [r.value, r.facts.imageRepositories])).toEqual([
      ["oci://repo.kcs.kaspersky.com/charts/kcs", ["repo.kcs.kaspersky.com/charts/kcs"]],
      ["docker://ghcr.io/a/b:1", ["ghcr.io/a/b"]],
    ]);
  });

  it("reads images with a registry host anywhere in the text", () => {
    expect(values('image: "repo.kcs.kaspersky.com/kcs/scanner:2.0",')).toEqual(["repo.kcs.kaspersky.com/kcs/scanner:2.0"]);
  });

  it.each([
    ["a bare name in prose", "we use kaspersky/scanner here"],
    ["file paths", "cp /etc/kaspersky/conf ./kaspersky/bin"],
    ["a version range", "requires 1.2/3.4"],
    ["a plain sentence", "Kaspersky products were removed."],
  ])("reads no reference from %s", (_case, text) => {
    expect(values(text)).toEqual([]);
  });
});

describe("user data", () => {
  const script = "#!/bin/sh\ndocker run a.example.com/b\n";

  it("keeps plain text as it is", () => {
    expect(userDataTexts(script)).toEqual([{ text: script }]);
  });

  it("decodes base64", () => {
    expect(userDataTexts(Buffer.from(script).toString("base64"))[1]).toEqual({ text: script, note: "in base64-decoded user data" });
  });

  it("decodes gzip inside base64", () => {
    expect(userDataTexts(gzipSync(script).toString("base64"))[1]?.text).toBe(script);
  });

  it("does not read binary data that happens to be base64 as a script", () => {
    expect(userDataTexts(Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]).toString("base64"))).toHaveLength(1);
  });

  it("does not decode a word that only looks like base64", () => {
    expect(userDataTexts("abcdefgh")).toHaveLength(1);
  });

  describe("a cloud-config, read with a prefilter that lets through only texts naming examplevendor", () => {
    const namesVendor = (text: string) => text.includes("examplevendor");
    const cloudConfig = (image: string) => `#cloud-config\nruncmd:\n  - [docker, run, ${image}]\n`;

    it("is parsed for what cloud-init runs when its text names the vendor", () => {
      expect(userDataTexts(cloudConfig("examplevendor/agent:7"), namesVendor)[1]).toEqual({
        text: "'docker' 'run' 'examplevendor/agent:7'",
        note: "as cloud-init runs its cloud-config",
      });
    });

    it("is not parsed when its text names nothing the prefilter lets through", () => {
      expect(userDataTexts(cloudConfig("ghcr.io/acme/agent:7"), namesVendor)).toEqual([{ text: cloudConfig("ghcr.io/acme/agent:7") }]);
    });

    it("is parsed when it holds an alias, which can make it too large to read, as is reported", () => {
      const text = `${cloudConfig("ghcr.io/acme/agent:7")}x: &x [a, b]\ny: *x\n`;
      expect(userDataTexts(text, namesVendor)).toHaveLength(2);
    });

    it("is parsed when it uses a variable, which the script may assign otherwise than its YAML reads", () => {
      const text = `${cloudConfig('"$AGENT"')}  - [sh, -c, "AGENT=ghcr.io/acme/agent:7"]\n`;
      expect(userDataTexts(text, namesVendor)).toHaveLength(2);
    });
  });
});
