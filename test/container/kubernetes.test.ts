import { UNKNOWN } from "../../src/harness/wireValues";
import { KCS_IMAGE, levels, properties, useContainerPack } from "./support";

const { configure, analyze } = useContainerPack();

beforeEach(() => configure());

const withContainers = (lists: Record<string, unknown>) => ({ spec: { template: { spec: lists } } });

describe("Kubernetes workloads by type token", () => {
  const kinds: Array<[string, (spec: Record<string, unknown>) => Record<string, unknown>, string]> = [
    ["kubernetes:core/v1:Pod", (spec) => ({ spec }), "spec"],
    ["kubernetes:apps/v1:Deployment", (spec) => ({ spec: { template: { spec } } }), "spec.template.spec"],
    ["kubernetes:apps/v1:StatefulSet", (spec) => ({ spec: { template: { spec } } }), "spec.template.spec"],
    ["kubernetes:apps/v1:DaemonSet", (spec) => ({ spec: { template: { spec } } }), "spec.template.spec"],
    ["kubernetes:apps/v1:ReplicaSet", (spec) => ({ spec: { template: { spec } } }), "spec.template.spec"],
    ["kubernetes:core/v1:ReplicationController", (spec) => ({ spec: { template: { spec } } }), "spec.template.spec"],
    ["kubernetes:batch/v1:Job", (spec) => ({ spec: { template: { spec } } }), "spec.template.spec"],
    ["kubernetes:batch/v1:CronJob", (spec) => ({ spec: { jobTemplate: { spec: { template: { spec } } } } }), "spec.jobTemplate.spec.template.spec"],
  ];

  it.each(kinds)("blocks a restricted image in a %s", async (type, shape, podSpecPath) => {
    const diagnostics = await analyze(type, shape({ containers: [{ name: "main", image: KCS_IMAGE }] }));
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual([`${podSpecPath}.containers[0].image`]);
  });

  it.each(["initContainers", "ephemeralContainers"])("looks in %s as well as containers", async (list) => {
    const diagnostics = await analyze(
      "kubernetes:apps/v1:Deployment",
      withContainers({ containers: [{ image: "nginx:1.27" }], [list]: [{ image: KCS_IMAGE }] }),
    );
    expect(properties(diagnostics)).toEqual([`spec.template.spec.${list}[0].image`]);
  });

  it("leaves a deployment of unrestricted images alone", async () => {
    expect(await analyze("kubernetes:apps/v1:Deployment", withContainers({ containers: [{ image: "nginx:1.27" }, { image: "ghcr.io/acme/api:3" }] }))).toEqual(
      [],
    );
  });

  it("names the vendor, the matched registry host pattern and the product in the message", async () => {
    const [{ message }] = await analyze("kubernetes:core/v1:Pod", { spec: { containers: [{ image: KCS_IMAGE }] } });
    expect(message).toMatch(/^Blocked: container image of restricted vendor kaspersky\./);
    expect(message).toContain(`reference: container image ${KCS_IMAGE}`);
    expect(message).toContain('matched:   registry host pattern "repo.kcs.kaspersky.com" (product Kaspersky Container Security');
  });

  it("fails closed on an image unknown during preview in a deny window", async () => {
    const diagnostics = await analyze("kubernetes:apps/v1:Deployment", withContainers({ containers: [{ image: UNKNOWN }] }));
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(diagnostics[0].message).toMatch(/^Could not check: the container image is unknown during preview/);
  });

  it("reports an image that does not parse, as advisory", async () => {
    const diagnostics = await analyze("kubernetes:core/v1:Pod", { spec: { containers: [{ image: "{{ .Values.image }}" }] } });
    expect(levels(diagnostics)).toEqual(["advisory"]);
    expect(diagnostics[0].message).toContain('reference: "{{ .Values.image }}"');
  });

  it("finds a pull command in a container's args and an install URL in its env", async () => {
    const diagnostics = await analyze(
      "kubernetes:batch/v1:Job",
      withContainers({
        containers: [
          {
            image: "alpine:3.20",
            command: ["sh", "-c"],
            args: ["ctr -n k8s.io images pull repo.kcs.kaspersky.com/kcs/node-agent:2.0"],
            env: [{ name: "INSTALLER", value: "https://repo.kcs.kaspersky.com/install.sh" }],
          },
        ],
      }),
    );
    expect(properties(diagnostics).sort()).toEqual(["spec.template.spec.containers[0].args[0]", "spec.template.spec.containers[0].env[0].value"]);
    expect(diagnostics[0].message).toContain("container image reference in text");
  });
});

describe("Helm", () => {
  it("blocks the Kaspersky Container Security chart by its oci:// URL", async () => {
    const diagnostics = await analyze("kubernetes:helm.sh/v3:Release", { chart: "oci://repo.kcs.kaspersky.com/charts/kcs", version: "2.0.0" });
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(diagnostics[0].message).toContain("reference: Helm chart oci://repo.kcs.kaspersky.com/charts/kcs");
  });

  it("reads an oci:// repository joined with the chart name", async () => {
    const diagnostics = await analyze("kubernetes:helm.sh/v4:Chart", { chart: "kcs", repositoryOpts: { repo: "oci://repo.kcs.kaspersky.com/charts" } });
    expect(properties(diagnostics)).toEqual(["repositoryOpts.repo"]);
  });

  it("reads a v3 Chart's fetchOpts.repo URL by its host", async () => {
    const diagnostics = await analyze("kubernetes:helm.sh/v3:Chart", { chart: "kcs", fetchOpts: { repo: "https://repo.kcs.kaspersky.com/charts" } });
    expect(properties(diagnostics)).toEqual(["fetchOpts.repo"]);
  });

  it("reads a repository URL whose host is written fully qualified (with its root dot) as the same host: one chart block", async () => {
    const diagnostics = await analyze("kubernetes:helm.sh/v3:Chart", { chart: "kcs", fetchOpts: { repo: "https://repo.kcs.kaspersky.com./charts" } });
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual(["fetchOpts.repo"]);
    expect(diagnostics[0].message).toContain("https://repo.kcs.kaspersky.com/charts");
  });

  it("composes image.registry, image.repository and image.tag in values", async () => {
    const diagnostics = await analyze("kubernetes:helm.sh/v3:Release", {
      chart: "oci://registry.example.com/charts/proxy",
      values: { agent: { image: { registry: "repo.kcs.kaspersky.com", repository: "kcs/node-agent", tag: "2.0" } } },
    });
    expect(properties(diagnostics)).toEqual(["values.agent.image.repository"]);
    expect(diagnostics[0].message).toContain("composed from registry, repository, tag");
  });

  it("still blocks a restricted registry in a composed image that does not parse (a registry written as a URL)", async () => {
    const diagnostics = await analyze("kubernetes:helm.sh/v3:Release", {
      chart: "./charts/local",
      values: { agent: { image: { registry: "https://repo.kcs.kaspersky.com", repository: "kcs/node-agent", tag: "2.0" } } },
    });
    expect(diagnostics.map((d) => [d.enforcementLevel, d.message.split(":")[0]])).toEqual([
      ["advisory", "Could not check"],
      ["mandatory", "Blocked"],
    ]);
  });

  it("reads a plain image string in values", async () => {
    const diagnostics = await analyze("kubernetes:helm.sh/v3:Release", { chart: "./charts/local", values: { scanner: { image: KCS_IMAGE } } });
    expect(properties(diagnostics)).toEqual(["values.scanner.image"]);
  });

  it("catches a chart redirected to a restricted registry through global.imageRegistry", async () => {
    const diagnostics = await analyze("kubernetes:helm.sh/v3:Release", {
      chart: "./charts/local",
      values: { global: { imageRegistry: "repo.kcs.kaspersky.com" } },
    });
    expect(properties(diagnostics)).toEqual(["values.global.imageRegistry"]);
  });

  it("reads an image object whose repository is under an `image` key, as ingress-nginx writes it", async () => {
    const diagnostics = await analyze("kubernetes:helm.sh/v3:Release", {
      chart: "./charts/local",
      values: { controller: { image: { registry: "repo.kcs.kaspersky.com", image: "kcs/kube-agent", tag: "2.0" } } },
    });
    expect(properties(diagnostics)).toEqual(["values.controller.image.image"]);
  });

  it("leaves a chart from an unrelated repository with unrelated images alone", async () => {
    const release = {
      chart: "ingress-nginx",
      repositoryOpts: { repo: "https://kubernetes.github.io/ingress-nginx" },
      values: { controller: { image: { registry: "registry.k8s.io", image: "ingress-nginx/controller", tag: "v1.11.0" } } },
    };
    expect(await analyze("kubernetes:helm.sh/v3:Release", release)).toEqual([]);
  });

  it("fails closed on a chart unknown during preview", async () => {
    expect(levels(await analyze("kubernetes:helm.sh/v3:Release", { chart: UNKNOWN }))).toEqual(["mandatory"]);
  });
});
