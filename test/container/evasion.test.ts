import { dockerHubVendor, levels, useContainerPack } from "./support";

const { configure, analyze } = useContainerPack();

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;
const vendor = { ...dockerHubVendor, identifiers: { ...dockerHubVendor.identifiers, registryHosts: ["*.examplevendor.io"] } };

beforeEach(() => configure({ additionalVendors: [vendor] }));

const podWith = (image: string) => analyze("kubernetes:core/v1:Pod", { spec: { containers: [{ name: "c", image }] } });

describe("evasion: every spelling of a restricted image is blocked", () => {
  it.each([
    ["the plain reference", "repo.kcs.kaspersky.com/kcs/scanner:2.0"],
    ["no tag", "repo.kcs.kaspersky.com/kcs/scanner"],
    ["an upper-case host", "REPO.KCS.KASPERSKY.COM/kcs/scanner:2.0"],
    ["a mixed-case host", "Repo.Kcs.Kaspersky.Com/kcs/scanner"],
    ["an explicit port", "repo.kcs.kaspersky.com:443/kcs/scanner:2.0"],
    ["another port", "repo.kcs.kaspersky.com:5000/kcs/scanner"],
    ["a digest only", `repo.kcs.kaspersky.com/kcs/scanner@${DIGEST}`],
    ["a tag and a digest", `repo.kcs.kaspersky.com/kcs/scanner:2.0@${DIGEST}`],
    ["a Docker Hub short name", "examplevendor/agent"],
    ["a Docker Hub short name with tag", "examplevendor/agent:7"],
    ["a Docker Hub short name with digest only", `examplevendor/agent@${DIGEST}`],
    ["docker.io", "docker.io/examplevendor/agent"],
    ["index.docker.io", "index.docker.io/examplevendor/agent:7"],
    ["registry-1.docker.io", "registry-1.docker.io/examplevendor/agent"],
    ["an upper-case Docker Hub host", "DOCKER.IO/examplevendor/agent"],
    ["Docker Hub with a port", "docker.io:443/examplevendor/agent"],
    ["index.docker.io with a port", "index.docker.io:443/examplevendor/agent"],
    ["registry-1.docker.io with a port", "registry-1.docker.io:443/examplevendor/agent:7"],
    ["registry.hub.docker.com", "registry.hub.docker.com/examplevendor/agent"],
    ["a deeper path under the namespace", "docker.io/examplevendor/tools/agent"],
    ["a sub-domain of a host glob", "registry.examplevendor.io/agent"],
    ["surrounding whitespace", "  repo.kcs.kaspersky.com/kcs/scanner:2.0  "],
  ])("%s: %s", async (_case, image) => {
    expect(levels(await podWith(image))).toEqual(["mandatory"]);
  });
});

describe("evasion table: lookalikes are never blocked", () => {
  it.each([
    ["a host that only starts with the restricted one", "repo.kcs.kaspersky.com.evil.io/kcs/scanner"],
    ["a host that only ends with it", "evilrepo.kcs.kaspersky.com/kcs/scanner"],
    ["a parent domain", "kcs.kaspersky.com/kcs/scanner"],
    ["a name containing the vendor", "notkaspersky.com/kcs/scanner"],
    ["the unrelated kasperskytte namespace", "kasperskytte/scanner"],
    ["a namespace that only starts with the vendor's", "docker.io/examplevendor-fan/agent"],
    ["the same short name as a namespace prefix", "examplevendor-fan/agent"],
    ["the vendor's name as an official image", "examplevendor"],
    ["the vendor's namespace deeper in another path", "docker.io/fan/examplevendor/agent"],
    ["the same namespace on another registry", "ghcr.io/examplevendor/agent"],
    ["a lookalike of a host glob", "notexamplevendor.io/agent"],
    ["a host glob followed by another domain", "registry.examplevendor.io.evil.com/agent"],
  ])("%s: %s", async (_case, image) => {
    expect(await podWith(image)).toEqual([]);
  });
});

describe("evasion in text: every spelling of a restricted host in a script is blocked", () => {
  const userData = (script: string) => analyze("aws:ec2/instance:Instance", { ami: "ami-0123456789abcdef0", userData: script });

  it.each([
    ["a URL", "curl -fsSL https://repo.kcs.kaspersky.com/install.sh | sh"],
    ["a URL to the fully qualified host (trailing dot)", "curl -fsSL https://repo.kcs.kaspersky.com./install.sh | sh"],
    ["a URL to the fully qualified host with a port", "curl -fsSL https://repo.kcs.kaspersky.com.:443/install.sh | sh"],
    ["a BuildKit named context from an image", "docker buildx build --build-context base=docker-image://repo.kcs.kaspersky.com/kcs/scanner:2.0 ."],
    ["a git URL to the restricted host", "git clone git://repo.kcs.kaspersky.com/kcs/tools.git"],
  ])("%s", async (_case, line) => {
    expect(levels(await userData(`#!/bin/sh\n${line}\n`))).toEqual(["mandatory"]);
  });
});

describe("naming a restricted registry to forbid it is not a use of it", () => {
  it.each([
    [
      "a Gatekeeper K8sDisallowedRepos prefix",
      "kubernetes:constraints.gatekeeper.sh/v1beta1:K8sDisallowedRepos",
      { spec: { parameters: { repos: ["repo.kcs.kaspersky.com/"] } } },
    ],
    [
      "a Kyverno image pattern",
      "kubernetes:kyverno.io/v1:ClusterPolicy",
      { spec: { rules: [{ validate: { pattern: { spec: { containers: [{ image: "!repo.kcs.kaspersky.com/*" }] } } } }] } },
    ],
    ["a note with a recursive glob", "aws:ecr/repository:Repository", { name: "mirror", tags: { Note: "Do not mirror repo.kcs.kaspersky.com/** (BIS ban)" } }],
  ])("%s", async (_case, type, props) => {
    expect(await analyze(type, props)).toEqual([]);
  });

  it("an image under the same registry next to the pattern is still blocked", async () => {
    const props = { spec: { parameters: { repos: ["repo.kcs.kaspersky.com/", "repo.kcs.kaspersky.com/kcs/scanner:2.0"] } } };
    expect(levels(await analyze("kubernetes:constraints.gatekeeper.sh/v1beta1:K8sDisallowedRepos", props))).toEqual(["mandatory"]);
  });
});

describe("evasion through the shell and document readers: every spelling is blocked, lookalikes are not", () => {
  const readers: Array<[string, (image: string) => [string, Record<string, unknown>]]> = [
    ["a shell variable", (image) => ["aws:ec2/instance:Instance", { userData: `#!/bin/sh\nIMG='${image}'\ndocker run -d "$IMG"\n` }]],
    [
      "a compose file in a here-document",
      (image) => ["aws:ec2/instance:Instance", { userData: `#!/bin/sh\ncat > compose.yaml <<'EOF'\nservices:\n  agent:\n    image: "${image}"\nEOF\n` }],
    ],
    [
      "a nested cloud-config runcmd list",
      (image) => ["aws:ec2/instance:Instance", { userData: `#cloud-config\nruncmd:\n  - - docker\n    - pull\n    - "${image}"\n` }],
    ],
    [
      "helm --set image=",
      (image) => [
        "kubernetes:core/v1:Pod",
        { spec: { containers: [{ name: "c", image: "alpine/helm:3", args: [`helm install a ./chart --set image=${image}`] }] } },
      ],
    ],
    [
      "a Flux HelmRelease's values",
      (image) => [
        "kubernetes:helm.toolkit.fluxcd.io/v2:HelmRelease",
        { apiVersion: "helm.toolkit.fluxcd.io/v2", kind: "HelmRelease", metadata: { name: "a" }, spec: { values: { agent: { image } } } },
      ],
    ],
    [
      "an Argo CD helm.values string",
      (image) => [
        "kubernetes:argoproj.io/v1alpha1:Application",
        {
          apiVersion: "argoproj.io/v1alpha1",
          kind: "Application",
          metadata: { name: "a" },
          spec: { source: { repoURL: "https://charts.example.com", chart: "a", helm: { values: `image: "${image}"\n` } } },
        },
      ],
    ],
    [
      "a manifest in a ConfigMap",
      (image) => [
        "kubernetes:core/v1:ConfigMap",
        {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: "m" },
          data: { "pod.json": JSON.stringify({ apiVersion: "v1", kind: "Pod", spec: { containers: [{ name: "c", image }] } }) },
        },
      ],
    ],
  ];
  const spellings = [
    "examplevendor/agent",
    `examplevendor/agent@${DIGEST}`,
    "index.docker.io/examplevendor/agent:7",
    "registry-1.docker.io:443/examplevendor/agent",
    "DOCKER.IO/examplevendor/agent",
    "Repo.Kcs.Kaspersky.Com/kcs/scanner",
    "registry.examplevendor.io/agent",
  ];
  const lookalikes = [
    "kasperskytte/scanner",
    "examplevendor-fan/agent",
    "docker.io/fan/examplevendor/agent",
    "ghcr.io/examplevendor/agent",
    "repo.kcs.kaspersky.com.evil.io/kcs/scanner",
    "notexamplevendor.io/agent",
  ];

  it.each(readers.flatMap(([reader, build]) => spellings.map((image) => [reader, image, build] as const)))(
    "%s: %s is blocked",
    async (_reader, image, build) => {
      const [type, props] = build(image);
      expect(levels(await analyze(type, props))).toEqual(["mandatory"]);
    },
  );

  it.each(readers.flatMap(([reader, build]) => lookalikes.map((image) => [reader, image, build] as const)))("%s: %s is not", async (_reader, image, build) => {
    const [type, props] = build(image);
    expect(await analyze(type, props)).toEqual([]);
  });
});
