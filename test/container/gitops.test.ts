import { AnalyzedResource } from "../../src/harness/types";
import { ofPolicy, resource } from "../support/pack";
import { KCS_IMAGE, POLICY, levels, properties, useContainerPack } from "./support";

const { pack, configure, analyze } = useContainerPack();

beforeEach(() => configure());

const RESTRICTED = "examplevendor/agent:1";
const UNRESTRICTED = "nginx:1.27";

const [repositoryOf, tagOf] = [(image: string) => image.split(":")[0], (image: string) => image.split(":")[1]];

/** A custom resource as Pulumi sends it: type `kubernetes:<group>/<version>:<Kind>`, with apiVersion, kind, metadata and spec. */
const crd = (group: string, version: string, kind: string, spec: Record<string, unknown>): [string, Record<string, unknown>] => [
  `kubernetes:${group}/${version}:${kind}`,
  { apiVersion: `${group}/${version}`, kind, metadata: { name: "agent", namespace: "agent" }, spec },
];

const helmRelease = (version: string, values: Record<string, unknown>) =>
  crd("helm.toolkit.fluxcd.io", version, "HelmRelease", {
    interval: "10m",
    chart: { spec: { chart: "agent", version: "1.x", sourceRef: { kind: "HelmRepository", name: "acme" } } },
    values,
  });

const application = (source: Record<string, unknown>) =>
  crd("argoproj.io", "v1alpha1", "Application", { project: "default", destination: { server: "https://kubernetes.default.svc", namespace: "agent" }, source });

const deploymentYaml = (image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n        - name: agent\n          image: ${image}\n`;

const FORMS: Array<[string, (image: string) => [string, Record<string, unknown>], string]> = [
  [
    "a Flux HelmRelease with spec.values.image.repository",
    (image) => helmRelease("v2", { image: { repository: repositoryOf(image), tag: tagOf(image) } }),
    "spec.values.image.repository",
  ],
  [
    "a Flux HelmRelease (v2beta1) with image.registry + repository",
    (image) => helmRelease("v2beta1", { agent: { image: { registry: "docker.io", repository: repositoryOf(image), tag: tagOf(image) } } }),
    "spec.values.agent.image.repository",
  ],
  [
    "a Flux OCIRepository",
    (image) =>
      crd("source.toolkit.fluxcd.io", "v1beta2", "OCIRepository", {
        interval: "5m",
        url: `oci://registry-1.docker.io/${repositoryOf(image)}`,
        ref: { tag: tagOf(image) },
      }),
    "spec.url",
  ],
  [
    "a Flux ImageRepository",
    (image) => crd("image.toolkit.fluxcd.io", "v1beta2", "ImageRepository", { interval: "5m", image: `docker.io/${repositoryOf(image)}` }),
    "spec.image",
  ],
  [
    "a Flux Kustomization with images[].newName",
    (image) =>
      crd("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", {
        interval: "10m",
        path: "./deploy",
        prune: true,
        sourceRef: { kind: "GitRepository", name: "infra" },
        images: [{ name: "agent", newName: repositoryOf(image), newTag: tagOf(image) }],
      }),
    "spec.images[0].newName",
  ],
  [
    "an Argo CD Application with helm.valuesObject",
    (image) =>
      application({
        repoURL: "https://charts.example.com",
        chart: "agent",
        targetRevision: "1.0.0",
        helm: { valuesObject: { image: { repository: repositoryOf(image), tag: tagOf(image) } } },
      }),
    "spec.source.helm.valuesObject.image.repository",
  ],
  [
    "an Argo CD Application with a helm.values YAML string",
    (image) =>
      application({
        repoURL: "https://charts.example.com",
        chart: "agent",
        targetRevision: "1.0.0",
        helm: { values: `image:\n  repository: ${repositoryOf(image)}\n  tag: "${tagOf(image)}"\n` },
      }),
    "spec.source.helm.values",
  ],
  [
    "an Argo CD Application with helm.parameters",
    (image) =>
      application({
        repoURL: "https://charts.example.com",
        chart: "agent",
        targetRevision: "1.0.0",
        helm: {
          parameters: [
            { name: "image.repository", value: repositoryOf(image) },
            { name: "image.tag", value: tagOf(image) },
          ],
        },
      }),
    "spec.source.helm.parameters",
  ],
  [
    "an Argo CD Application with kustomize.images",
    (image) => application({ repoURL: "https://github.com/acme/deploy.git", path: "agent", targetRevision: "main", kustomize: { images: [`agent=${image}`] } }),
    "spec.source.kustomize.images[0]",
  ],
  [
    "an Argo CD Application with a chart from an OCI registry written without oci://",
    (image) =>
      application({
        repoURL: `registry-1.docker.io/${repositoryOf(image).split("/")[0]}`,
        chart: repositoryOf(image).split("/")[1],
        targetRevision: tagOf(image),
      }),
    "spec.source.repoURL",
  ],
  [
    "an Argo CD Application with several sources",
    (image) =>
      crd("argoproj.io", "v1alpha1", "Application", {
        project: "default",
        sources: [
          { repoURL: "https://github.com/acme/values.git", targetRevision: "main", ref: "values" },
          { repoURL: "https://charts.example.com", chart: "agent", targetRevision: "1.0.0", helm: { valuesObject: { image: image } } },
        ],
      }),
    "spec.sources[1].helm.valuesObject.image",
  ],
  [
    "an Argo CD ApplicationSet template",
    (image) =>
      crd("argoproj.io", "v1alpha1", "ApplicationSet", {
        generators: [{ list: { elements: [{ cluster: "prod" }] } }],
        template: {
          metadata: { name: "agent-{{cluster}}" },
          spec: {
            project: "default",
            source: {
              repoURL: "https://charts.example.com",
              chart: "agent",
              targetRevision: "1.0.0",
              helm: { valuesObject: { image: { repository: repositoryOf(image), tag: tagOf(image) } } },
            },
          },
        },
      }),
    "spec.template.spec.source.helm.valuesObject.image.repository",
  ],
  [
    "a ConfigMap holding a Deployment manifest",
    (image) => [
      "kubernetes:core/v1:ConfigMap",
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "manifests" }, data: { "deployment.yaml": deploymentYaml(image) } },
    ],
    "data.deployment.yaml",
  ],
  [
    "a ConfigMap holding a compose file",
    (image) => [
      "kubernetes:core/v1:ConfigMap",
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "compose" }, data: { "compose.yaml": `services:\n  agent:\n    image: ${image}\n` } },
    ],
    "data.compose.yaml",
  ],
  [
    "a ConfigMap holding Helm values as JSON",
    (image) => [
      "kubernetes:core/v1:ConfigMap",
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "values" },
        data: { "values.json": JSON.stringify({ agent: { image: { repository: repositoryOf(image), tag: tagOf(image) } } }) },
      },
    ],
    "data.values.json",
  ],
  [
    "a ConfigGroup's yaml with several documents",
    (image) => ["kubernetes:yaml/v2:ConfigGroup", { yaml: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: agent\n---\n${deploymentYaml(image)}` }],
    "yaml",
  ],
  [
    "a ConfigGroup's objs",
    (image) => [
      "kubernetes:yaml/v2:ConfigGroup",
      {
        objs: [
          {
            apiVersion: "apps/v1",
            kind: "DaemonSet",
            metadata: { name: "agent" },
            spec: { template: { spec: { initContainers: [{ name: "init", image }], containers: [{ name: "agent", image: UNRESTRICTED }] } } },
          },
        ],
      },
    ],
    "objs[0]",
  ],
  [
    "a ConfigMap holding an Argo CD Application",
    (image) => [
      "kubernetes:core/v1:ConfigMap",
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "apps" },
        data: {
          "app.yaml": `apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec:\n  source:\n    repoURL: https://charts.example.com\n    chart: agent\n    helm:\n      parameters:\n        - name: image\n          value: ${image}\n`,
        },
      },
    ],
    "data.app.yaml",
  ],
];

describe("GitOps resources and documents inside strings", () => {
  it.each(FORMS)("blocks a restricted image in %s", async (_form, build, property) => {
    const [type, props] = build(RESTRICTED);
    const diagnostics = await analyze(type, props);
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual([property]);
  });

  it.each(FORMS)("leaves an unrestricted image in %s alone", async (_form, build) => {
    const [type, props] = build(UNRESTRICTED);
    expect(await analyze(type, props)).toEqual([]);
  });

  it("blocks a chart's global.imageRegistry on a restricted registry in a HelmRelease", async () => {
    const [type, props] = helmRelease("v2", { global: { imageRegistry: KCS_IMAGE.split("/")[0] } });
    expect(levels(await analyze(type, props))).toEqual(["mandatory"]);
  });

  it("blocks a Kustomization override that pins only a digest of a restricted image", async () => {
    const digest = `sha256:${"0123456789abcdef".repeat(4)}`;
    const [type, props] = crd("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", { images: [{ name: repositoryOf(RESTRICTED), digest }] });
    expect(properties(await analyze(type, props))).toEqual(["spec.images[0].name"]);
  });

  it("does not read a CRD's API group in apiVersion as a registry", async () => {
    const [type, props] = crd("argoproj.io", "v1alpha1", "Application", {
      project: "default",
      source: { repoURL: "https://github.com/acme/deploy.git", path: "agent" },
    });
    expect(await analyze(type, props)).toEqual([]);
  });
});

describe("a vendor merely mentioned in a document is not a use of its image", () => {
  it.each([
    ["a ConfigMap's free text", { "README.md": `# Agent\nWe replaced ${RESTRICTED} by ${UNRESTRICTED}.\n` }],
    [
      "a description in a manifest",
      {
        "deployment.yaml": deploymentYaml(UNRESTRICTED).replace(
          "name: agent\nspec",
          `name: agent\n  annotations:\n    description: "replaces ${RESTRICTED}"\nspec`,
        ),
      },
    ],
    ["a comment in Helm values", { "values.yaml": `# image: ${RESTRICTED}\nimage:\n  repository: nginx\n` }],
  ])("%s", async (_case, data) => {
    expect(await analyze("kubernetes:core/v1:ConfigMap", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "docs" }, data })).toEqual([]);
  });

  it("a Helm value whose key is not an image key", async () => {
    const [type, props] = helmRelease("v2", { notes: RESTRICTED, description: `formerly ${RESTRICTED}` });
    expect(await analyze(type, props)).toEqual([]);
  });
});

describe("a Flux HelmRelease's chart from a source of the same stack (the stack pass)", () => {
  const asResource = ([type, props]: [string, Record<string, unknown>], name: string): AnalyzedResource => resource(type, name, props);
  const helmRepository = (url: string, type?: string) =>
    asResource(crd("source.toolkit.fluxcd.io", "v1", "HelmRepository", { interval: "1h", url, ...(type ? { type } : {}) }), "agent-charts");
  const ociRepository = (url: string) =>
    asResource(crd("source.toolkit.fluxcd.io", "v1beta2", "OCIRepository", { interval: "1h", url, ref: { tag: "1.0.0" } }), "agent-chart");
  const release = (spec: Record<string, unknown>) => asResource(crd("helm.toolkit.fluxcd.io", "v2", "HelmRelease", { interval: "10m", ...spec }), "agent");
  const fromRepository = release({ chart: { spec: { chart: "agent", sourceRef: { kind: "HelmRepository", name: "agent" } } } });
  const fromOciRepository = release({ chartRef: { kind: "OCIRepository", name: "agent" } });
  const stackFindings = async (resources: AnalyzedResource[]) => ofPolicy(await pack().analyzeStack(resources), POLICY);

  it("blocks, against the release, a chart in an OCI HelmRepository under a restricted namespace", async () => {
    const diagnostics = await stackFindings([helmRepository("oci://registry-1.docker.io/examplevendor", "oci"), fromRepository]);
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(diagnostics[0].urn).toBe(fromRepository.urn);
    expect(properties(diagnostics)).toEqual(["spec.chart.spec.sourceRef"]);
  });

  it("blocks a chart in an OCIRepository named by chartRef", async () => {
    const diagnostics = await stackFindings([ociRepository("oci://registry-1.docker.io/examplevendor/agent"), fromOciRepository]);
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual(["spec.chartRef"]);
  });

  it("leaves a chart from an unrestricted repository alone", async () => {
    expect(
      await stackFindings([
        helmRepository("oci://registry-1.docker.io/bitnamicharts", "oci"),
        fromRepository,
        ociRepository("oci://ghcr.io/acme/charts/agent"),
        fromOciRepository,
      ]),
    ).toEqual([]);
  });

  it("does not join a release with a source of another namespace", async () => {
    const elsewhere = { ...helmRepository("oci://registry-1.docker.io/examplevendor", "oci") };
    elsewhere.properties = { ...elsewhere.properties, metadata: { name: "agent", namespace: "flux-system" } };
    expect(await stackFindings([elsewhere, fromRepository])).toEqual([]);
  });
});

describe("a Flux HelmRelease's values from a ConfigMap of the same stack (the stack pass)", () => {
  const stackFindings = async (resources: AnalyzedResource[]) => ofPolicy(await pack().analyzeStack(resources), POLICY);
  const valuesConfigMap = (image: string) =>
    resource("kubernetes:core/v1:ConfigMap", "agent-values", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "agent-values", namespace: "agent" },
      data: { "values.yaml": `image:\n  repository: ${repositoryOf(image)}\n  tag: "${tagOf(image)}"\n` },
    });
  const [releaseType, releaseProps] = crd("helm.toolkit.fluxcd.io", "v2", "HelmRelease", {
    interval: "10m",
    chart: { spec: { chart: "agent", sourceRef: { kind: "HelmRepository", name: "acme" } } },
    valuesFrom: [{ kind: "ConfigMap", name: "agent-values" }],
  });
  const release = resource(releaseType, "agent", releaseProps);

  it("blocks, against the release, a restricted image set by values from the ConfigMap", async () => {
    const diagnostics = await stackFindings([valuesConfigMap(RESTRICTED), release]);
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(diagnostics[0].urn).toBe(release.urn);
    expect(properties(diagnostics)).toEqual(["spec.valuesFrom[0]"]);
  });

  it("leaves values from the ConfigMap that pull an unrestricted image alone", async () => {
    expect(await stackFindings([valuesConfigMap(UNRESTRICTED), release])).toEqual([]);
  });
});
