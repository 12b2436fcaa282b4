import { childPath, valuesAt } from "../../props/paths";
import { isUnknown } from "../../props/unknown";
import { isValidDomain } from "../../reference/host";
import { parseImageReference } from "../../reference/image";
import { readUrl, schemeOf } from "../../reference/url";
import { hostFacts, imageFacts } from "../container/imageFacts";
import { Found, IMAGE_COULD_MATCH, ImageSource, classifyImageText } from "../container/imageSource";
import { ScanLimits } from "../limits";
import { firstWord, quotable, trimEnd, withoutCredentials } from "../quote";
import { Extracted } from "../types";

const OCI_EXPECTED = "an OCI chart reference (oci://registry/repository[:version])";

/** Helm resources by type token, with the property naming the chart repository in each. */
const HELM_TYPES: ReadonlyArray<{ type: string; repo: string }> = [
  { type: "kubernetes:helm.sh/v3:Release", repo: "repositoryOpts.repo" },
  { type: "kubernetes:helm.sh/v4:Chart", repo: "repositoryOpts.repo" },
  { type: "kubernetes:helm.sh/v3:Chart", repo: "fetchOpts.repo" },
  { type: "kubernetes:helm.sh/v2:Chart", repo: "fetchOpts.repo" },
];

export const HELM_SOURCES: ImageSource[] = HELM_TYPES.map(({ type, repo }) => ({
  type,
  custom: {
    paths: [
      "chart",
      repo,
      "values (any key ending in image: a reference, or registry + repository|image|name + tag + digest)",
      "values (any key ending in registry)",
    ],
    read: (props, limits) => readHelm(props, repo, limits),
  },
}));

function readHelm(props: Record<string, unknown>, repoPath: string, limits: ScanLimits): Found {
  const items: Extracted[] = [];
  const chart = valuesAt(props, "chart")[0];
  const repo = valuesAt(props, repoPath)[0];
  for (const located of [chart, repo]) {
    if (located?.state === "unknown") items.push({ kind: "unknown", path: located.path, expected: "Helm chart", couldMatch: IMAGE_COULD_MATCH });
  }
  if (chart?.state === "known" && typeof chart.value === "string" && repo?.state !== "unknown") {
    const repoUrl = repo?.state === "known" && typeof repo.value === "string" ? repo.value.trim() : undefined;
    const reference = chartReference(chart.value.trim(), repoUrl, repoPath);
    if (reference) items.push(reference);
  }
  const consumed = ["chart", repoPath];
  // Values computed as a whole during preview may set any image: that is an unknown image, as in a workload.
  if (isUnknown(props.values)) items.push({ kind: "unknown", path: "values", expected: "Helm values map", couldMatch: IMAGE_COULD_MATCH });
  else if (props.values !== undefined) walkValues(props.values, "values", items, consumed, 1, limits);
  return { items, consumed };
}

/** The image settings in Helm values at `path` (a values map, however it reached the chart), by the charts' conventions. */
export function helmValuesReferences(values: unknown, path: string, limits: ScanLimits): Found {
  const items: Extracted[] = [];
  const consumed: string[] = [];
  if (isUnknown(values)) items.push({ kind: "unknown", path, expected: "Helm values map", couldMatch: IMAGE_COULD_MATCH });
  else walkValues(values, path, items, consumed, 1, limits);
  return { items, consumed };
}

/**
 * Values given as `key=value` pairs (`helm --set`, Argo CD `helm.parameters`), as the values map they set:
 * `image.repository=x` is `{ image: { repository: "x" } }`. `\.` is a literal dot in a key, as in Helm.
 */
export function valuesFromSettings(settings: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of settings) {
    const steps = key.split(/(?<!\\)\./).map((step) => step.replace(/\\\./g, "."));
    let node = values;
    steps.slice(0, -1).forEach((step) => {
      const child = Object.prototype.hasOwnProperty.call(node, step) ? node[step] : undefined;
      node = isPlainObject(child) ? child : defineKey(node, step, {});
    });
    defineKey(node, steps[steps.length - 1], value);
  }
  return values;
}

/** Sets a key even when it is "__proto__": a key from the resource must stay a key, not become a prototype. */
function defineKey<T>(object: Record<string, unknown>, key: string, value: T): T {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}

/** The chart's origin: an oci:// reference, a chart URL, or a chart in a repository given by URL. Local paths have none. */
export function chartReference(chart: string, repoUrl: string | undefined, repoPath: string): Extracted | undefined {
  const chartScheme = schemeOf(chart);
  if (chartScheme === "oci") return ociChart("chart", chart);
  if (isHttp(chartScheme)) return urlChart("chart", chart);
  if (!repoUrl) return undefined;
  const repoScheme = schemeOf(repoUrl);
  if (repoScheme === "oci") return ociChart(repoPath, `${trimEnd(repoUrl, "/")}/${chart}`);
  if (isHttp(repoScheme)) return urlChart(repoPath, repoUrl, `chart "${quotable(chart)}"`);
  return undefined;
}

function ociChart(path: string, text: string): Extracted {
  const parsed = parseImageReference(text.slice("oci://".length));
  if (!parsed.ok) return { kind: "unparseable", path, value: quotable(text), expected: OCI_EXPECTED, problem: parsed.problem };
  return { kind: "helm-chart", path, value: text, facts: imageFacts(parsed.image) };
}

function urlChart(path: string, text: string, note?: string): Extracted | undefined {
  // A URL is one word: anything after whitespace is not part of it, and is not quoted.
  const url = readUrl(firstWord(text));
  if (!url) return { kind: "unparseable", path, value: quotable(text), expected: "a chart repository URL", problem: "it has no valid host" };
  return { kind: "helm-chart", path, value: `${url.scheme}://${url.host}${url.path}`, facts: hostFacts(url.host), ...(note ? { note } : {}) };
}

const isHttp = (scheme: string | undefined) => scheme === "http" || scheme === "https";

/**
 * Image settings in chart values, by the conventions charts follow: a key ending in "image" holding a
 * reference or an object { registry, repository (or image, or name), tag, digest }, and keys ending in "registry"
 * (such as global.imageRegistry) that redirect a chart's images to another registry.
 */
function walkValues(value: unknown, path: string, items: Extracted[], consumed: string[], depth: number, limits: ScanLimits): void {
  if (typeof value !== "object" || value === null) return;
  const entries = Array.isArray(value)
    ? value.map((v, i) => [`${path}[${i}]`, "", v] as const)
    : Object.entries(value).map(([k, v]) => [childPath(path, k), k, v] as const);
  if (entries.length === 0 || !limits.descend(path, depth + 1)) return;
  for (const [at, key, child] of entries) {
    if (/image$/i.test(key) && (typeof child === "string" || isPlainObject(child))) {
      const item = isUnknown(child)
        ? unknownImage(at)
        : typeof child === "string"
          ? classifyImageText(at, child)
          : composedImage(child as Record<string, unknown>, at);
      // What does not parse is left to the scan of all strings, which still sees a restricted host in it.
      if (item?.kind !== "unparseable") consumed.push(at);
      if (item) items.push(item);
      else if (isPlainObject(child)) walkValues(child, at, items, consumed, depth + 1, limits);
    } else if (/registry$/i.test(key) && typeof child === "string") {
      const item = isUnknown(child) ? unknownImage(at) : registrySetting(at, child);
      if (item) {
        consumed.push(at);
        items.push(item);
      }
    } else {
      walkValues(child, at, items, consumed, depth + 1, limits);
    }
  }
}

/** A registry that redirects the chart's images (`global.imageRegistry`): only its host and path are kept. */
function registrySetting(path: string, text: string): Extracted | undefined {
  const setting = withoutCredentials(firstWord(text));
  const slash = setting.indexOf("/");
  const host = slash < 0 ? setting : setting.slice(0, slash);
  if (!host.includes(".") || !isValidDomain(host)) return undefined;
  return {
    kind: "container-image",
    path,
    value: setting,
    facts: hostFacts(host),
    note: "registry setting in chart values",
    registryBase: trimEnd(setting, "/").toLowerCase(),
  };
}

function composedImage(image: Record<string, unknown>, path: string): Extracted | undefined {
  const repositoryKey = ["repository", "image", "name"].find((key) => typeof image[key] === "string");
  if (!repositoryKey) return undefined;
  for (const part of ["registry", repositoryKey, "tag", "digest"]) if (isUnknown(image[part])) return unknownImage(`${path}.${part}`);
  const registry = typeof image.registry === "string" && image.registry.trim() !== "" ? `${trimEnd(image.registry.trim(), "/")}/` : "";
  const tag = (typeof image.tag === "string" && image.tag.trim() !== "") || typeof image.tag === "number" ? `:${String(image.tag).trim()}` : "";
  const digest = typeof image.digest === "string" && image.digest !== "" ? `@${image.digest}` : "";
  const parts = ["registry", repositoryKey, "tag", "digest"].filter((p) => image[p] !== undefined).join(", ");
  return classifyImageText(`${path}.${repositoryKey}`, `${registry}${image[repositoryKey]}${tag}${digest}`, "container-image", `composed from ${parts}`);
}

function unknownImage(path: string): Extracted {
  return { kind: "unknown", path, expected: "container image", couldMatch: IMAGE_COULD_MATCH };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
