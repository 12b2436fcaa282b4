import { valuesAt } from "../../props/paths";
import { schemeOf, withoutScheme } from "../../reference/url";
import { IMAGE_COULD_MATCH, classifyImage, classifyImageText } from "../container/imageSource";
import { helmValuesReferences } from "../kubernetes/helm";
import { ScanLimits } from "../limits";
import { Extracted } from "../types";
import { kustomizeImages } from "./kustomize";

/** Flux `HelmRelease`: the chart's values set inline (`spec.values`). The chart's source is read in the stack pass. */
export function fluxHelmRelease(manifest: Record<string, unknown>, limits: ScanLimits): Extracted[] {
  return valuesAt(manifest, "spec.values").flatMap((located) =>
    located.state === "known"
      ? helmValuesReferences(located.value, located.path, limits).items
      : [{ kind: "unknown" as const, path: located.path, expected: "Helm values map", couldMatch: IMAGE_COULD_MATCH }],
  );
}

/** Flux `OCIRepository`: the artifact at `spec.url` (`oci://host/repository`), at `spec.ref.tag` or `spec.ref.digest`. */
export function fluxOciRepository(manifest: Record<string, unknown>): Extracted[] {
  const url = valuesAt(manifest, "spec.url")[0];
  if (!url) return [];
  if (url.state === "unknown" || typeof url.value !== "string") return [classifyImage(url)].filter(isItem);
  const tag = valuesAt(manifest, "spec.ref.tag")[0];
  const digest = valuesAt(manifest, "spec.ref.digest")[0];
  const suffix = `${tag?.state === "known" && typeof tag.value === "string" ? `:${tag.value}` : ""}${digest?.state === "known" && typeof digest.value === "string" ? `@${digest.value}` : ""}`;
  const written = url.value.trim();
  const reference = schemeOf(written) === "oci" ? withoutScheme(written) : written;
  return [classifyImageText(url.path, `${reference}${suffix}`, "container-image", "Flux OCI artifact")].filter(isItem);
}

/** Flux `ImageRepository`: the image repository it scans for tags (`spec.image`). */
export function fluxImageRepository(manifest: Record<string, unknown>): Extracted[] {
  return valuesAt(manifest, "spec.image")
    .map((located) => classifyImage(located))
    .filter(isItem);
}

/** Flux `Kustomization`: its `spec.images` overrides. */
export function fluxKustomization(manifest: Record<string, unknown>): Extracted[] {
  return valuesAt(manifest, "spec.images").flatMap((located) =>
    located.state === "known" ? kustomizeImages(located.value, located.path) : [classifyImage(located)].filter(isItem),
  );
}

const isItem = (item: Extracted | undefined): item is Extracted => item !== undefined;
