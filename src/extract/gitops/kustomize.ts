import { childPath } from "../../props/paths";
import { isUnknown } from "../../props/unknown";
import { IMAGE_COULD_MATCH, classifyImageText } from "../container/imageSource";
import { Extracted } from "../types";

/**
 * Kustomize `images` overrides (in a kustomization file and Flux's Kustomization `spec.images`): each entry
 * `{ name, newName, newTag, digest }` replaces the image `name` by `newName:newTag@digest`. What is pulled is the new
 * image; an entry with only a new tag or digest pulls `name` under it.
 */
export function kustomizeImages(images: unknown, path: string): Extracted[] {
  if (!Array.isArray(images)) return [];
  const items: Extracted[] = [];
  images.forEach((entry, i) => {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return;
    const image = entry as Record<string, unknown>;
    const at = `${path}[${i}]`;
    const nameKey = typeof image.newName === "string" || isUnknown(image.newName) ? "newName" : "name";
    const unknown = [nameKey, "newTag", "digest"].find((key) => isUnknown(image[key]));
    if (unknown) {
      items.push({ kind: "unknown", path: childPath(at, unknown), expected: "container image", couldMatch: IMAGE_COULD_MATCH });
      return;
    }
    if (typeof image[nameKey] !== "string") return;
    const tag = typeof image.newTag === "string" && image.newTag !== "" ? `:${image.newTag}` : "";
    const digest = typeof image.digest === "string" && image.digest !== "" ? `@${image.digest}` : "";
    const item = classifyImageText(childPath(at, nameKey), `${image[nameKey]}${tag}${digest}`, "container-image", "kustomize images override");
    if (item) items.push(item);
  });
  return items;
}

/** Argo CD's `kustomize.images`: `newName:tag`, or `name=newName:tag` (the image after `=` is pulled). */
export function argoKustomizeImages(images: unknown, path: string): Extracted[] {
  if (!Array.isArray(images)) return [];
  return images.flatMap((entry, i) => {
    if (isUnknown(entry)) return [{ kind: "unknown" as const, path: `${path}[${i}]`, expected: "container image", couldMatch: IMAGE_COULD_MATCH }];
    if (typeof entry !== "string") return [];
    const item = classifyImageText(`${path}[${i}]`, entry.slice(entry.indexOf("=") + 1), "container-image", "kustomize images override");
    return item ? [item] : [];
  });
}
