import fc from "fast-check";
import { Settings } from "../../src/config/settings";
import { containerImageExtractor } from "../../src/extract/container/containerImages";
import { Extracted, Reference, ResourceInput } from "../../src/extract/types";
import { prefilterFor } from "../../src/evaluate/prefilter";
import { matchVendors } from "../../src/match/vendorMatch";
import { resolverFor } from "../../src/resolve/resolverFor";
import { dockerHubVendor } from "../container/support";
import { settingsFrom } from "../support/settings";

const SEED = 20261129;
const RUNS = 400;

const vendor = {
  ...dockerHubVendor,
  identifiers: { ...dockerHubVendor.identifiers, registryHosts: ["*.examplevendor.io"], downloadHosts: ["downloads.examplevendor.io"] },
};
const settings = settingsFrom({
  additionalVendors: [vendor],
  pullThroughCaches: [{ registry: "harbor.corp.example", prefix: "kcs-proxy", upstream: "repo.kcs.kaspersky.com" }],
});

/** What the catalog matches among the references found in a resource, as "path value" pairs. */
async function matchedReferences(resource: ResourceInput, config: Settings): Promise<string[]> {
  const references = containerImageExtractor
    .extract(resource)
    .filter((item: Extracted): item is Reference => item.kind !== "unknown" && item.kind !== "unparseable");
  const resolved = await resolverFor(config).resolve(references, resource);
  return resolved.filter((r) => matchVendors(config.index, r.facts).length > 0).map((r) => `${r.reference.path} ${r.reference.value}`);
}

// Pieces of scripts, documents and property values: restricted spellings (through caches too), lookalikes, the
// shell's and documents' syntax, a host cut into pieces, and ordinary words.
const PIECES = [
  "repo.kcs.kaspersky.com/kcs/scanner:2.0",
  "REPO.KCS.\u212aASPERSKY.COM/kcs/scanner",
  "examplevendor/agent",
  "index.docker.io/examplevendor/agent:7",
  "registry.examplevendor.io/agent",
  "https://downloads.examplevendor.io/install.sh",
  "harbor.corp.example/kcs-proxy/kcs/scanner:2.0",
  "111122223333.dkr.ecr.us-east-1.amazonaws.com/hub/examplevendor/agent",
  "kasperskytte/scanner",
  "examplevendor-fan/agent",
  "notexamplevendor.io/agent",
  "ghcr.io/acme/app:1.2",
  "repo.kcs.",
  "kasp",
  "ersky.com/kcs/scanner",
  "example",
  "vendor/agent",
  "docker run -d ",
  "docker pull ",
  "kubectl run a --image=",
  "helm install a ./chart --set image=",
  "curl -fsSL https://",
  "IMG=",
  'docker run "$IMG"',
  "${IMG}",
  '"',
  "'",
  "\\\n",
  " ",
  "\n",
  "; ",
  "cat > compose.yaml <<EOF\nservices:\n  a:\n    image: ",
  "\nEOF\n",
  "#cloud-config\nruncmd:\n  - [docker, pull, ",
  "]\n",
  "write_files:\n  - encoding: b64\n    content: ",
  "cmVwby5rY3Mua2FzcGVyc2t5LmNvbS9rY3Mvc2Nhbm5lcg==",
  "apt-get install -y nginx",
  "/var/log/bootstrap.log",
];
const RESTRICTED = PIECES.slice(0, 8);
/** A restricted spelling cut at any point, the cut closed again as the shell would: by empty quotes, or by a variable holding the first part. */
const cutSpelling = fc.tuple(fc.constantFrom(...RESTRICTED), fc.nat(), fc.constantFrom('""', "''", "variable")).map(([spelling, at, how]) => {
  const cut = at % (spelling.length + 1);
  if (how === "variable") return `PART=${spelling.slice(0, cut)}\ndocker pull "\${PART}${spelling.slice(cut)}"\n`;
  return `docker pull ${spelling.slice(0, cut)}${how}${spelling.slice(cut)}\n`;
});
const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), cutSpelling), { minLength: 1, maxLength: 10 }).map((pieces) => pieces.join(""));

/** The text where each reader meets it: boot scripts, a command, an unmodelled resource's image key and free text. */
const resourceWith = fc.tuple(text, fc.constantFrom("userData", "command", "image", "note")).map(([value, where]): ResourceInput => {
  const urn = "urn:pulumi:dev::prefilter::t::r";
  if (where === "userData") return { type: "aws:ec2/instance:Instance", urn, name: "r", props: { userData: value } };
  if (where === "command")
    return { type: "kubernetes:core/v1:Pod", urn, name: "r", props: { spec: { containers: [{ name: "c", image: "busybox", args: [value] }] } } };
  return { type: "example:index:Unmodelled", urn, name: "r", props: { spec: { [where]: value } } };
});

describe("the text prefilter (fast-check, fixed seed)", () => {
  it("never drops a reference that the readers find and the catalog matches", async () => {
    let runsWithMatches = 0;
    await fc.assert(
      fc.asyncProperty(resourceWith, async (resource) => {
        const full = await matchedReferences(resource, settings);
        if (full.length > 0) runsWithMatches++;
        const filtered = await matchedReferences({ ...resource, props: structuredClone(resource.props), mayName: prefilterFor(settings) }, settings);
        expect(filtered).toEqual(full);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The property says something only if many of the generated texts hold a match.
    expect(runsWithMatches).toBeGreaterThan(RUNS / 4);
  });
});

// A restricted spelling cut in three, its parts held by variables assigned in each way the readers know and used in
// each way a script uses them: concatenated, braced, with defaults, nested, in a here-document, as a Helm value.
const ASSIGNMENTS = [
  (n: string, v: string) => `${n}=${v}\n`,
  (n: string, v: string) => `export ${n}="${v}"\n`,
  (n: string, v: string) => `${n}='${v}'; `,
  (n: string, v: string) => `$${n} = "${v}"\n`,
  (n: string, v: string) => `Environment="${n}=${v}"\n`,
];
type Parts = { a: string; b: string };
const USES: Array<(parts: Parts) => string> = [
  ({ b }: Parts) => `docker pull "$A${b}$C"\n`,
  () => `docker run -d \${A}\${B}$C\n`,
  ({ a }: Parts) => `docker pull \${UNSET:-${a}}$B\${C}\n`,
  () => `AB=$A$B\nkubectl run x --image="$AB$C"\n`,
  ({ b }: Parts) => `cat > compose.yaml <<EOF\nservices:\n  a:\n    image: $A${b}$C\nEOF\n`,
  () => `helm install a ./chart --set image=\${A}$B$C\n`,
  ({ b }: Parts) => `docker pull "$A"'${b}'\`echo\`$C\n`,
  () => `docker pull $A\\\n$B$C\n`,
  () => `docker pull \${a}\${B}\${C} $env:A\n`,
];
const variableSpelling = fc
  .tuple(
    fc.constantFrom(...RESTRICTED, ...PIECES.slice(8, 12)),
    fc.nat(),
    fc.nat(),
    fc.nat({ max: ASSIGNMENTS.length - 1 }),
    fc.nat({ max: USES.length - 1 }),
    fc.boolean(),
  )
  .map(([spelling, i, j, how, use, beforeUse]) => {
    const [first, second] = [i % (spelling.length + 1), j % (spelling.length + 1)].sort((x, y) => x - y);
    const [a, b, c] = [spelling.slice(0, first), spelling.slice(first, second), spelling.slice(second)];
    const assignments = [
      ["A", a],
      ["B", b],
      ["C", c],
    ]
      .map(([name, value]) => ASSIGNMENTS[how](name, value))
      .join("");
    return beforeUse ? assignments + USES[use]({ a, b }) : USES[use]({ a, b }) + assignments;
  });
const scriptWithVariables = fc.array(fc.oneof(fc.constantFrom(...PIECES), variableSpelling), { minLength: 1, maxLength: 6 }).map((pieces) => pieces.join(""));

describe("the text prefilter on text with variables (fast-check, fixed seed)", () => {
  it("never drops a reference that the readers find with the script's variables expanded", async () => {
    let runsWithMatches = 0;
    await fc.assert(
      fc.asyncProperty(fc.tuple(scriptWithVariables, fc.constantFrom("userData", "note")), async ([value, where]) => {
        const urn = "urn:pulumi:dev::prefilter::t::r";
        const resource: ResourceInput =
          where === "userData"
            ? { type: "aws:ec2/instance:Instance", urn, name: "r", props: { userData: value } }
            : { type: "example:index:Unmodelled", urn, name: "r", props: { spec: { note: value } } };
        const full = await matchedReferences(resource, settings);
        if (full.length > 0) runsWithMatches++;
        const filtered = await matchedReferences({ ...resource, props: structuredClone(resource.props), mayName: prefilterFor(settings) }, settings);
        expect(filtered).toEqual(full);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(runsWithMatches).toBeGreaterThan(RUNS / 4);
  });
});

describe("the text prefilter", () => {
  const mayName = prefilterFor(settings);

  it("rules out a boot script that names nothing of the catalog", () => {
    expect(mayName('#!/bin/bash\napt-get install -y nginx\ndocker run -d --name web ghcr.io/acme/web:1.2\necho "done" >> /var/log/boot.log\n')).toBe(false);
  });

  it("lets through the same script when it runs a restricted image", () => {
    expect(mayName("#!/bin/bash\napt-get install -y nginx\ndocker run -d --name web repo.kcs.kaspersky.com/kcs/scanner:2.0\n")).toBe(true);
  });

  it("reads a host joined from quoted pieces as the shell joins it", () => {
    expect(mayName('docker pull "repo.kcs.kasp"ersky.com/kcs/scanner')).toBe(true);
  });

  it("reads a host whose first characters are cut by quotes, and one that ends the text", () => {
    expect(mayName("docker pull r\"e''\"po.kcs.kaspersky.com/kcs/scanner")).toBe(true);
    expect(mayName("docker pull repo.kcs.kaspersky.com")).toBe(true);
    expect(mayName("docker pull repo.kcs.kaspersky.co")).toBe(false);
  });

  it("reads any text that uses a variable, whose value may complete a name", () => {
    expect(mayName("docker pull repo.kcs.${VENDOR}.com/kcs/scanner")).toBe(true);
  });

  it("reads a script whose variables, as it assigns them, spell a restricted name", () => {
    expect(mayName('#!/bin/bash\nHOST=repo.kcs.kasp\nexport AGENT="${HOST}ersky.com/kcs/scanner:2.0"\ndocker run -d "$AGENT"\n')).toBe(true);
  });

  it("rules out a script whose variables, as it assigns them, name nothing of the catalog", () => {
    expect(mayName('#!/bin/bash\nHOST=ghcr.io\nexport AGENT="${HOST}/acme/agent:2.0"\ndocker run -d "$AGENT"\n')).toBe(false);
  });

  it("reads a script whose variable's default completes a restricted name", () => {
    expect(mayName("docker pull ${HOST:-repo.kcs.kasp}ersky.com/kcs/scanner\n")).toBe(true);
  });

  it("expands a word whole though a variable's default in it holds a blank", () => {
    expect(mayName('A=x\nC=acme/agent\ndocker pull "$A${B:-a b}$C"\n')).toBe(false);
    expect(mayName('A=x\nC=vendor/agent\ndocker pull "$A${B:-a example}$C"\n')).toBe(true);
  });

  it("reads in full a script whose variables have more readings than the prefilter expands", () => {
    const uses = Array.from({ length: 100 }, (_, i) => `docker run "$IMAGE_${i}"`).join("\n");
    const assignments = Array.from({ length: 100 }, (_, i) => `IMAGE_${i}=ghcr.io/acme/app:${i}`).join("\n");
    expect(mayName(`${assignments}\n${uses}\n`)).toBe(true);
  });

  it("reads a script whose variables complete a restricted name past the ones looked up one by one", () => {
    const parts = (last: string) => [...Array.from({ length: 8 }, (_, i) => `PART_${i}=x`), `PART_8=${last}`].join("\n");
    const word = `${Array.from({ length: 9 }, (_, i) => `\${PART_${i}}`).join("")}ersky.com/kcs/scanner`;
    expect(mayName(`${parts("repo.kcs.kasp")}\ndocker pull "${word}"\n`)).toBe(true);
    expect(mayName(`${parts("ghcr.io/acme/")}\ndocker pull "${word}"\n`)).toBe(false);
  });

  it("reads text with content cloud-init decodes", () => {
    expect(mayName("write_files:\n  - encoding: b64\n    content: aGVsbG8=\n")).toBe(true);
  });

  it("reads an image under a configured pull-through cache, whose upstream the text does not name", () => {
    expect(mayName("docker pull harbor.corp.example/kcs-proxy/kcs/scanner")).toBe(true);
  });

  it("lower-cases the Kelvin sign into k, as the readers' toLowerCase does", () => {
    expect(mayName("docker pull REPO.KCS.\u212aASPERSKY.COM/kcs/scanner")).toBe(true);
  });

  it("is built once per configuration", () => {
    expect(prefilterFor(settings)).toBe(mayName);
  });

  it("reads every text when an identifier leaves no literal of three characters", () => {
    const everything = prefilterFor(settingsFrom({ additionalVendors: [{ ...dockerHubVendor, identifiers: { imageRepositories: ["docker.io/*/ab"] } }] }));
    expect(everything("nothing of any vendor")).toBe(true);
  });
});
