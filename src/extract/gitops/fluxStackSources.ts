import { valuesAt } from "../../props/paths";
import { schemeOf } from "../../reference/url";
import { chartReference, helmValuesReferences, valuesFromSettings } from "../kubernetes/helm";
import { ScanLimits } from "../limits";
import { yamlDocuments } from "../text/yamlDocuments";
import { Extracted, Reference, ResourceInput } from "../types";
import { atString } from "./argo";

const HELM_RELEASE = /^kubernetes:helm\.toolkit\.fluxcd\.io\/[^:]+:HelmRelease$/;
const SOURCE = /^kubernetes:source\.toolkit\.fluxcd\.io\/[^:]+:(HelmRepository|OCIRepository)$/;
const CONFIG_MAP = /^kubernetes:core\/v1:ConfigMap$/;

/**
 * What each Flux `HelmRelease` of a stack installs that the release alone does not reveal. Its chart: its
 * `spec.chart.spec.sourceRef` names a `HelmRepository` (the chart is `chart` in that repository, on an HTTP or OCI
 * registry), its `spec.chartRef` an `OCIRepository` (the chart is that artifact). And its values from
 * `spec.valuesFrom` ConfigMaps (`valuesKey`, by default values.yaml, optionally set at `targetPath`). Sources and
 * ConfigMaps are found in the same stack by kind, namespace and name; one deployed elsewhere is not known.
 */
export function fluxStackReferences(resources: readonly ResourceInput[]): Array<{ resource: ResourceInput; items: Extracted[] }> {
  const sources = new Map<string, { url: string; tag?: string; digest?: string }>();
  const configMaps = new Map<string, ResourceInput>();
  for (const resource of resources) {
    const kind = SOURCE.exec(resource.type)?.[1];
    const url = text(resource.props, "spec.url");
    if (kind && url)
      sources.set(sourceKey(kind, namespaceOf(resource), nameOf(resource)), {
        url,
        tag: text(resource.props, "spec.ref.tag"),
        digest: text(resource.props, "spec.ref.digest"),
      });
    if (CONFIG_MAP.test(resource.type)) configMaps.set(sourceKey("ConfigMap", namespaceOf(resource), nameOf(resource)), resource);
  }
  if (sources.size === 0 && configMaps.size === 0) return [];
  const found: Array<{ resource: ResourceInput; items: Extracted[] }> = [];
  for (const resource of resources) {
    if (!HELM_RELEASE.test(resource.type)) continue;
    const charts = [chartFromRepository(resource, sources), chartFromOciRepository(resource, sources)].filter((r): r is Reference => r !== undefined);
    const items = [...charts, ...valuesFromConfigMaps(resource, configMaps)];
    if (items.length > 0) found.push({ resource, items });
  }
  return found;
}

/** The images set by the values a release takes from ConfigMaps of the stack, reported at its `spec.valuesFrom` entry. */
function valuesFromConfigMaps(release: ResourceInput, configMaps: Map<string, ResourceInput>): Extracted[] {
  const entries = valuesAt(release.props, "spec.valuesFrom[*]");
  const limits = new ScanLimits();
  const items: Extracted[] = [];
  for (const entry of entries) {
    if (entry.state !== "known" || typeof entry.value !== "object" || entry.value === null) continue;
    const { kind, name, valuesKey, targetPath } = entry.value as Record<string, unknown>;
    if (kind !== "ConfigMap" || typeof name !== "string") continue;
    const configMap = configMaps.get(sourceKey("ConfigMap", namespaceOf(release), name));
    const key = typeof valuesKey === "string" && valuesKey !== "" ? valuesKey : "values.yaml";
    const data = configMap && valuesAt(configMap.props, "data")[0];
    const value = data?.state === "known" && typeof data.value === "object" && data.value !== null ? (data.value as Record<string, unknown>)[key] : undefined;
    if (typeof value !== "string") continue;
    const how = `values from ConfigMap "${name}" (${key}) in the stack`;
    const documents =
      typeof targetPath === "string" && targetPath !== ""
        ? [valuesFromSettings([[targetPath, value]])]
        : yamlDocuments(entry.path, limits.text(entry.path, value), limits);
    for (const document of documents) for (const item of helmValuesReferences(document, "", limits).items) items.push(atString(item, entry.path, how));
  }
  return [...items, ...limits.findings()];
}

function chartFromRepository(release: ResourceInput, sources: Map<string, { url: string }>): Reference | undefined {
  const chart = text(release.props, "spec.chart.spec.chart");
  const kind = text(release.props, "spec.chart.spec.sourceRef.kind");
  const name = text(release.props, "spec.chart.spec.sourceRef.name");
  if (!chart || kind !== "HelmRepository" || !name) return undefined;
  const source = sources.get(sourceKey(kind, text(release.props, "spec.chart.spec.sourceRef.namespace") ?? namespaceOf(release), name));
  if (!source) return undefined;
  const reference = chartReference(chart, source.url, "spec.chart.spec.sourceRef");
  return reference?.kind === "helm-chart"
    ? { ...reference, note: [`chart "${chart}" of HelmRepository "${name}" in the stack`, reference.note].filter(Boolean).join("; ") }
    : undefined;
}

function chartFromOciRepository(release: ResourceInput, sources: Map<string, { url: string; tag?: string; digest?: string }>): Reference | undefined {
  const kind = text(release.props, "spec.chartRef.kind");
  const name = text(release.props, "spec.chartRef.name");
  if (kind !== "OCIRepository" || !name) return undefined;
  const source = sources.get(sourceKey(kind, text(release.props, "spec.chartRef.namespace") ?? namespaceOf(release), name));
  if (!source || schemeOf(source.url) !== "oci") return undefined;
  const url = `${source.url}${source.tag ? `:${source.tag}` : ""}${source.digest ? `@${source.digest}` : ""}`;
  const reference = chartReference(url, undefined, "spec.chartRef");
  return reference?.kind === "helm-chart" ? { ...reference, path: "spec.chartRef", note: `chart of OCIRepository "${name}" in the stack` } : undefined;
}

const sourceKey = (kind: string, namespace: string, name: string) => `${kind}\u0000${namespace}\u0000${name}`;

function text(props: Record<string, unknown>, path: string): string | undefined {
  const located = valuesAt(props, path)[0];
  return located?.state === "known" && typeof located.value === "string" && located.value.trim() !== "" ? located.value.trim() : undefined;
}

// Flux resolves a reference without a namespace in the release's own namespace; Kubernetes' default is "default".
const namespaceOf = (resource: ResourceInput) => text(resource.props, "metadata.namespace") ?? "default";
const nameOf = (resource: ResourceInput) => text(resource.props, "metadata.name") ?? resource.name;
