import { childPath } from "../../props/paths";
import { isUnknown } from "../../props/unknown";
import { ImageSource, classifyImageText } from "../container/imageSource";
import { ScanLimits } from "../limits";
import { imageArgumentsOfWords } from "../text/commandLine";
import { imageReference } from "../text/textReferences";
import { Extracted } from "../types";
import { argoApplication, argoApplicationSet } from "./argo";
import { fluxHelmRelease, fluxImageRepository, fluxKustomization, fluxOciRepository } from "./flux";
import { kustomizeImages } from "./kustomize";

type ManifestReader = (manifest: Record<string, unknown>, limits: ScanLimits) => Extracted[];

/**
 * The GitOps kinds by API group and kind, with the API versions the controllers serve: what Pulumi deploys as
 * `kubernetes:<group>/<version>:<Kind>` (a CustomResource or a crd2pulumi class), and what a manifest inside a
 * string declares by `apiVersion` and `kind`.
 */
const GITOPS_KINDS: ReadonlyArray<{ group: string; kind: string; versions: string[]; paths: string[]; read: ManifestReader }> = [
  {
    group: "helm.toolkit.fluxcd.io",
    kind: "HelmRelease",
    versions: ["v2", "v2beta2", "v2beta1"],
    paths: [
      "spec.values (Helm image keys)",
      "spec.chart.spec.sourceRef, spec.chartRef (stack pass: the HelmRepository or OCIRepository of the stack)",
      "spec.valuesFrom[*] (stack pass: a ConfigMap of the stack)",
    ],
    read: fluxHelmRelease,
  },
  { group: "source.toolkit.fluxcd.io", kind: "OCIRepository", versions: ["v1", "v1beta2"], paths: ["spec.url + spec.ref.tag|digest"], read: fluxOciRepository },
  { group: "image.toolkit.fluxcd.io", kind: "ImageRepository", versions: ["v1", "v1beta2", "v1beta1"], paths: ["spec.image"], read: fluxImageRepository },
  {
    group: "kustomize.toolkit.fluxcd.io",
    kind: "Kustomization",
    versions: ["v1", "v1beta2"],
    paths: ["spec.images[*] (newName, newTag, digest)"],
    read: fluxKustomization,
  },
  {
    group: "argoproj.io",
    kind: "Application",
    versions: ["v1alpha1"],
    paths: ["spec.source, spec.sources[*]: repoURL + chart, helm.valuesObject, helm.values (YAML), helm.parameters, kustomize.images"],
    read: argoApplication,
  },
  {
    group: "argoproj.io",
    kind: "ApplicationSet",
    versions: ["v1alpha1"],
    paths: ["spec.template.spec.source, spec.template.spec.sources[*] (as in an Application)"],
    read: argoApplicationSet,
  },
];

/** The GitOps resources by type token: each reads its manifest (`apiVersion`, `kind`, `metadata`, `spec`). */
export const GITOPS_SOURCES: ImageSource[] = GITOPS_KINDS.flatMap(({ group, kind, versions, paths, read }) =>
  versions.map((version) => ({ type: `kubernetes:${group}/${version}:${kind}`, custom: { paths, read: (props, limits) => found(read(props, limits)) } })),
);

// `apiVersion` names the kind's API group (`helm.toolkit.fluxcd.io/v2`), not a registry: it is not scanned as text.
const found = (items: Extracted[]) => ({
  items,
  consumed: ["apiVersion", ...items.flatMap((item) => (item.kind === "unknown" || item.kind === "unparseable" ? [] : [item.path]))],
});

const READERS = new Map(GITOPS_KINDS.map(({ group, kind, read }) => [`${group}:${kind}`, read]));

/**
 * The images a Kubernetes manifest read from a string pulls: a GitOps kind by its reader, a kustomization file by
 * its `images`, and any other kind by the containers of its pod template, wherever the kind keeps it.
 */
export function manifestReferences(manifest: Record<string, unknown>, limits: ScanLimits): Extracted[] {
  const apiVersion = String(manifest.apiVersion);
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  const read = READERS.get(`${group}:${manifest.kind}`);
  if (read) return read(manifest, limits);
  if (group === "kustomize.config.k8s.io") return kustomizeImages(manifest.images, "images");
  const items: Extracted[] = [];
  containersIn(manifest, "", 1, limits, items);
  return items;
}

const CONTAINER_LISTS = new Set(["containers", "initContainers", "ephemeralContainers"]);

/** Every container list below the manifest (a pod template at any depth, as custom kinds keep theirs): images and exec-form commands. */
function containersIn(value: unknown, path: string, depth: number, limits: ScanLimits, items: Extracted[]): void {
  if (typeof value !== "object" || value === null || !limits.descend(path, depth)) return;
  for (const [key, child] of Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : childPath(path, key);
    if (CONTAINER_LISTS.has(key) && Array.isArray(child)) child.forEach((container, i) => containerImages(container, `${at}[${i}]`, items));
    else containersIn(child, at, depth + 1, limits, items);
  }
}

function containerImages(container: unknown, path: string, items: Extracted[]): void {
  if (typeof container !== "object" || container === null) return;
  const { image, command, args } = container as Record<string, unknown>;
  if (typeof image === "string" && !isUnknown(image)) {
    const item = classifyImageText(childPath(path, "image"), image);
    if (item) items.push(item);
  }
  const words = [command, args].flatMap((list) => (Array.isArray(list) ? list.filter((w): w is string => typeof w === "string") : []));
  for (const { command: name, image: word } of imageArgumentsOfWords(words)) {
    const reference = imageReference(childPath(path, "command"), word, `argument of "${name}"`);
    if (reference) items.push(reference);
  }
}
