import { childPath } from "../../props/paths";
import { isUnknown } from "../../props/unknown";
import { schemeOf } from "../../reference/url";
import { IMAGE_COULD_MATCH } from "../container/imageSource";
import { chartReference, helmValuesReferences, valuesFromSettings } from "../kubernetes/helm";
import { ScanLimits } from "../limits";
import { yamlDocuments } from "../text/yamlDocuments";
import { Extracted } from "../types";
import { argoKustomizeImages } from "./kustomize";

/** Argo CD `Application`: its `spec.source` and each of `spec.sources`. */
export function argoApplication(manifest: Record<string, unknown>, limits: ScanLimits): Extracted[] {
  return applicationSpec(manifest.spec, "spec", limits);
}

/** Argo CD `ApplicationSet`: the Application template it generates (`spec.template.spec`). */
export function argoApplicationSet(manifest: Record<string, unknown>, limits: ScanLimits): Extracted[] {
  const template = objectAt(manifest.spec, "template");
  return template ? applicationSpec(template.spec, "spec.template.spec", limits) : [];
}

function applicationSpec(spec: unknown, path: string, limits: ScanLimits): Extracted[] {
  if (isUnknown(spec)) return [unknownSource(path)];
  const object = objectAt({ spec }, "spec");
  if (!object) return [];
  const items = sourceReferences(object.source, childPath(path, "source"), limits);
  if (isUnknown(object.sources)) items.push(unknownSource(childPath(path, "sources")));
  else if (Array.isArray(object.sources)) object.sources.forEach((source, i) => items.push(...sourceReferences(source, `${path}.sources[${i}]`, limits)));
  return items;
}

/**
 * One source: a Helm chart (`repoURL` + `chart`: a Helm repository URL, or an OCI registry written with or without
 * `oci://`), an OCI artifact (`oci://` `repoURL` alone), and the images its Helm values and Kustomize overrides set.
 */
function sourceReferences(source: unknown, path: string, limits: ScanLimits): Extracted[] {
  if (isUnknown(source)) return [unknownSource(path)];
  if (typeof source !== "object" || source === null || Array.isArray(source)) return [];
  const { repoURL, chart, helm, kustomize } = source as Record<string, unknown>;
  const items: Extracted[] = [];
  for (const [key, value] of [
    ["repoURL", repoURL],
    ["chart", chart],
  ] as const)
    if (isUnknown(value)) items.push(unknownSource(childPath(path, key)));
  if (typeof repoURL === "string" && !isUnknown(repoURL)) {
    const repo = repoURL.trim();
    const chartName = typeof chart === "string" && !isUnknown(chart) ? chart.trim() : undefined;
    // Argo CD writes an OCI Helm registry without a scheme (`registry-1.docker.io/bitnamicharts`).
    const repoUrl = chartName && schemeOf(repo) === undefined ? `oci://${repo}` : repo;
    const reference = chartName
      ? chartReference(chartName, repoUrl, childPath(path, "repoURL"))
      : schemeOf(repo) === "oci"
        ? chartReference(repo, undefined, childPath(path, "repoURL"))
        : undefined;
    if (reference) items.push(reference.kind === "unparseable" ? reference : { ...reference, path: childPath(path, "repoURL") });
  }
  const helmSettings = objectAt(source, "helm");
  if (helmSettings) items.push(...helmReferences(helmSettings, childPath(path, "helm"), limits));
  const kustomizeSettings = objectAt(source, "kustomize");
  if (kustomizeSettings) items.push(...argoKustomizeImages(kustomizeSettings.images, childPath(path, "kustomize.images")));
  else if (isUnknown(kustomize) || isUnknown(helm)) items.push(unknownSource(childPath(path, isUnknown(helm) ? "helm" : "kustomize")));
  return items;
}

/** `helm.valuesObject`, `helm.values` (a YAML string) and `helm.parameters` (`{ name, value }` pairs, as `--set`). */
function helmReferences(helm: Record<string, unknown>, path: string, limits: ScanLimits): Extracted[] {
  const items: Extracted[] = [];
  if (helm.valuesObject !== undefined) items.push(...helmValuesReferences(helm.valuesObject, childPath(path, "valuesObject"), limits).items);
  const valuesPath = childPath(path, "values");
  if (isUnknown(helm.values)) items.push(unknownSource(valuesPath));
  else if (typeof helm.values === "string") {
    for (const document of yamlDocuments(valuesPath, helm.values, limits)) {
      for (const item of helmValuesReferences(document, "", limits).items) items.push(atString(item, valuesPath, "in the values YAML"));
    }
  }
  const parametersPath = childPath(path, "parameters");
  if (isUnknown(helm.parameters)) items.push(unknownSource(parametersPath));
  else if (Array.isArray(helm.parameters)) {
    const settings = helm.parameters.flatMap((p): Array<[string, unknown]> =>
      typeof p === "object" && p !== null && typeof p.name === "string" ? [[p.name, p.value]] : [],
    );
    for (const item of helmValuesReferences(valuesFromSettings(settings), "", limits).items)
      items.push(atString(item, parametersPath, "set by a Helm parameter"));
  }
  return items;
}

/** An item found inside a document held by the string at `path`: reported at that property, with where in the document. */
export function atString(item: Extracted, path: string, how: string): Extracted {
  const inner = item.path ? ` at ${item.path}` : "";
  if (item.kind === "unknown" || item.kind === "unparseable") return { ...item, path };
  return { ...item, path, note: [`${how}${inner}`, item.note].filter(Boolean).join("; ") };
}

function objectAt(parent: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof parent !== "object" || parent === null) return undefined;
  const value = Object.prototype.hasOwnProperty.call(parent, key) ? (parent as Record<string, unknown>)[key] : undefined;
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isUnknown(value) ? (value as Record<string, unknown>) : undefined;
}

function unknownSource(path: string): Extracted {
  return { kind: "unknown", path, expected: "Helm chart or container image", couldMatch: IMAGE_COULD_MATCH };
}
