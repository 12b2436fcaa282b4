import { valuesAt } from "../../props/paths";
import { chartReference } from "../kubernetes/helm";
import { Reference, ResourceInput } from "../types";

const HELM_RELEASE = /^kubernetes:helm\.toolkit\.fluxcd\.io\/[^:]+:HelmRelease$/;
const SOURCE = /^kubernetes:source\.toolkit\.fluxcd\.io\/[^:]+:(HelmRepository|OCIRepository)$/;

/**
 * The chart each Flux `HelmRelease` of a stack installs, which the release alone does not reveal: its
 * `spec.chart.spec.sourceRef` names a `HelmRepository` (the chart is `chart` in that repository, on an HTTP or OCI
 * registry), its `spec.chartRef` an `OCIRepository` (the chart is that artifact). Sources are found in the same
 * stack by kind, namespace and name; a source deployed elsewhere is not known.
 */
export function fluxChartReferences(resources: readonly ResourceInput[]): Array<{ resource: ResourceInput; references: Reference[] }> {
  const sources = new Map<string, { url: string; tag?: string; digest?: string }>();
  for (const resource of resources) {
    const kind = SOURCE.exec(resource.type)?.[1];
    const url = text(resource.props, "spec.url");
    if (kind && url) sources.set(sourceKey(kind, namespaceOf(resource), nameOf(resource)), { url, tag: text(resource.props, "spec.ref.tag"), digest: text(resource.props, "spec.ref.digest") });
  }
  if (sources.size === 0) return [];
  const found: Array<{ resource: ResourceInput; references: Reference[] }> = [];
  for (const resource of resources) {
    if (!HELM_RELEASE.test(resource.type)) continue;
    const references = [chartFromRepository(resource, sources), chartFromOciRepository(resource, sources)].filter((r): r is Reference => r !== undefined);
    if (references.length > 0) found.push({ resource, references });
  }
  return found;
}

function chartFromRepository(release: ResourceInput, sources: Map<string, { url: string }>): Reference | undefined {
  const chart = text(release.props, "spec.chart.spec.chart");
  const kind = text(release.props, "spec.chart.spec.sourceRef.kind");
  const name = text(release.props, "spec.chart.spec.sourceRef.name");
  if (!chart || kind !== "HelmRepository" || !name) return undefined;
  const source = sources.get(sourceKey(kind, text(release.props, "spec.chart.spec.sourceRef.namespace") ?? namespaceOf(release), name));
  if (!source) return undefined;
  const reference = chartReference(chart, source.url, "spec.chart.spec.sourceRef");
  return reference?.kind === "helm-chart" ? { ...reference, note: [`chart "${chart}" of HelmRepository "${name}" in the stack`, reference.note].filter(Boolean).join("; ") } : undefined;
}

function chartFromOciRepository(release: ResourceInput, sources: Map<string, { url: string; tag?: string; digest?: string }>): Reference | undefined {
  const kind = text(release.props, "spec.chartRef.kind");
  const name = text(release.props, "spec.chartRef.name");
  if (kind !== "OCIRepository" || !name) return undefined;
  const source = sources.get(sourceKey(kind, text(release.props, "spec.chartRef.namespace") ?? namespaceOf(release), name));
  if (!source || !/^oci:\/\//i.test(source.url)) return undefined;
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
