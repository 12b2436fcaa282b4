import fc from "fast-check";
import { Vendor } from "../../src/catalog/types";
import { containerImageExtractor } from "../../src/extract/container/containerImages";
import { imageFacts } from "../../src/extract/container/imageFacts";
import { canonicalName, parseImageReference } from "../../src/reference/image";
import { CatalogIndex } from "../../src/match/catalogIndex";
import { hostLabel, hubComponent, pathComponent, validReference } from "./arbitraries";

const SEED = 20240720;
const RUNS = 300;

const canonical = (text: string): string => {
  const parsed = parseImageReference(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.problem}`);
  return canonicalName(parsed.image);
};

/** The same reference as a person might write it: any host case, Docker Hub through any of its names. */
const spelledReference = fc
  .tuple(validReference, fc.boolean(), fc.constantFrom("", "docker.io/", "index.docker.io/", "registry-1.docker.io/", "DOCKER.IO/"))
  .map(([reference, upper, hub]) => {
    const slash = reference.indexOf("/");
    const first = reference.slice(0, slash);
    const hasHost = slash > 0 && /[.:]/.test(first);
    if (hasHost) return upper ? first.toUpperCase() + reference.slice(slash) : reference;
    return hub + reference;
  });

describe("normalization (fast-check, fixed seed)", () => {
  it("is idempotent: a normalized reference normalizes to itself", () => {
    fc.assert(
      fc.property(spelledReference, (text) => {
        const once = canonical(text);
        expect(canonical(once)).toBe(once);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("gives every spelling of one image the same repository", () => {
    fc.assert(
      fc.property(
        fc.array(hubComponent, { minLength: 1, maxLength: 2 }),
        fc.constantFrom("", "docker.io/", "index.docker.io/", "registry-1.docker.io/", "Docker.IO/"),
        (path, hub) => {
          const name = path.join("/");
          expect(canonical(`${hub}${name}`)).toBe(canonical(name));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

const hostName = fc.array(hostLabel, { minLength: 2, maxLength: 4 }).map((labels) => labels.join("."));
const glued = fc.stringMatching(/^[a-z0-9-]{1,5}$/).filter((s) => !s.startsWith("-") || s.length > 1);

function vendorWith(identifiers: Vendor["identifiers"]): CatalogIndex {
  return new CatalogIndex([{ id: "v", name: "V", legalBasis: [], windows: [{ from: "2024-01-01", action: "deny" }], exemptCategories: [], identifiers }]);
}

const hits = (index: CatalogIndex, reference: string) => {
  const parsed = parseImageReference(reference);
  return parsed.ok ? index.lookup(imageFacts(parsed.image)) : [];
};

describe("lookalikes never match (fast-check, fixed seed)", () => {
  it("a restricted host followed by another domain, or glued to a longer label, does not match the host", () => {
    fc.assert(
      fc.property(hostName, hostLabel, glued, pathComponent, (host, extra, prefix, path) => {
        const index = vendorWith({ registryHosts: [host] });
        expect(hits(index, `${host}/${path}`)).not.toEqual([]);
        expect(hits(index, `${host}.${extra}/${path}`)).toEqual([]);
        expect(hits(index, `${prefix}${host}/${path}`)).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("a domain glued to a sub-domain glob's suffix does not match it", () => {
    fc.assert(
      fc.property(hostName, hostLabel, glued, pathComponent, (domain, sub, prefix, path) => {
        const index = vendorWith({ registryHosts: [`*.${domain}`] });
        expect(hits(index, `${sub}.${domain}/${path}`)).not.toEqual([]);
        expect(hits(index, `${prefix}${domain}/${path}`)).toEqual([]);
        expect(hits(index, `${sub}.${domain}.${sub}/${path}`)).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("a namespace that only starts or ends like a restricted one does not match it", () => {
    fc.assert(
      fc.property(hubComponent, fc.constantFrom("-fan", "x", "_x", "2", ".io"), pathComponent, (namespace, suffix, path) => {
        const index = vendorWith({ imageRepositories: [`docker.io/${namespace}/**`] });
        expect(hits(index, `${namespace}/${path}`)).not.toEqual([]);
        expect(hits(index, `${namespace}${suffix}/${path}`)).toEqual([]);
        expect(hits(index, `x${namespace}/${path}`)).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

/** The places the shell and document readers find an image in, each as the resource that holds it. */
const READERS: Array<[string, (image: string) => { type: string; props: Record<string, unknown> }]> = [
  ["a shell variable", (image) => ({ type: "aws:ec2/instance:Instance", props: { userData: `#!/bin/sh\nIMG="${image}"\ndocker run -d $IMG\n` } })],
  [
    "a compose here-document",
    (image) => ({ type: "aws:ec2/instance:Instance", props: { userData: `#!/bin/sh\ncat > c.yaml <<'EOF'\nservices:\n  a:\n    image: "${image}"\nEOF\n` } }),
  ],
  [
    "a nested runcmd list",
    (image) => ({ type: "aws:ec2/instance:Instance", props: { userData: `#cloud-config\nruncmd:\n  - - docker\n    - pull\n    - "${image}"\n` } }),
  ],
  ["kubectl set image", (image) => ({ type: "aws:ec2/instance:Instance", props: { userData: `kubectl set image deploy/a a=${image}\n` } })],
  ["helm --set", (image) => ({ type: "aws:ec2/instance:Instance", props: { userData: `helm install a ./c --set agent.image=${image}\n` } })],
  ["HelmRelease values", (image) => ({ type: "kubernetes:helm.toolkit.fluxcd.io/v2:HelmRelease", props: { spec: { values: { image } } } })],
  [
    "Argo CD helm.values",
    (image) => ({ type: "kubernetes:argoproj.io/v1alpha1:Application", props: { spec: { source: { helm: { values: `image: "${image}"` } } } } }),
  ],
  [
    "Argo CD kustomize.images",
    (image) => ({ type: "kubernetes:argoproj.io/v1alpha1:Application", props: { spec: { source: { kustomize: { images: [`a=${image}`] } } } } }),
  ],
  [
    "a ConfigMap manifest",
    (image) => ({ type: "kubernetes:core/v1:ConfigMap", props: { data: { m: `kind: Pod\napiVersion: v1\nspec:\n  containers:\n    - image: "${image}"\n` } } }),
  ],
];

const extractedRepositories = (type: string, props: Record<string, unknown>) =>
  containerImageExtractor.extract({ type, urn: "urn", name: "n", props }).flatMap((item) => ("facts" in item ? (item.facts.imageRepositories ?? []) : []));

describe("the shell and document readers (fast-check, fixed seed)", () => {
  it("find every valid reference, normalized as when it is written as a container's image", () => {
    fc.assert(
      fc.property(spelledReference, fc.constantFrom(...READERS), (text, [, build]) => {
        const parsed = parseImageReference(text);
        if (!parsed.ok) throw new Error(parsed.problem);
        const { type, props } = build(text);
        expect(extractedRepositories(type, props)).toContain(imageFacts(parsed.image).imageRepositories?.[0]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("never find a namespace that only starts or ends like a restricted one", () => {
    fc.assert(
      fc.property(hubComponent, fc.constantFrom("-fan", "x", "_x", "2"), pathComponent, fc.constantFrom(...READERS), (namespace, suffix, path, [, build]) => {
        const index = vendorWith({ imageRepositories: [`docker.io/${namespace}/**`] });
        for (const lookalike of [`${namespace}${suffix}/${path}`, `x${namespace}/${path}`]) {
          const { type, props } = build(lookalike);
          for (const repository of extractedRepositories(type, props)) expect(hits(index, repository)).toEqual([]);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
