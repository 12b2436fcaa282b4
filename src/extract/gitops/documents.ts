import { childPath } from "../../props/paths";
import { classifyImageText } from "../container/imageSource";
import { helmValuesReferences } from "../kubernetes/helm";
import { ScanLimits } from "../limits";
import { yamlDocuments } from "../text/yamlDocuments";
import { Extracted } from "../types";
import { atString } from "./argo";
import { kustomizeImages } from "./kustomize";
import { manifestReferences } from "./manifests";

// Text that may be a document holding an image: the cheap test that keeps every other string unparsed.
const DOCUMENT_HINT = /image|repository|newName|repoURL/i;

/**
 * The images a YAML or JSON document held by a string pulls, read as what it is: Kubernetes manifests (several
 * documents too, a `List`, a ConfigMap holding more), a compose file, a kustomization file, or Helm values.
 * Each is reported at the string's property, with where in the document it was found.
 */
export function documentReferences(path: string, text: string, limits: ScanLimits, how = "in a YAML document"): Extracted[] {
  if (!DOCUMENT_HINT.test(text) || !/[:{]/.test(text)) return [];
  const items: Extracted[] = [];
  yamlDocuments(path, text, limits).forEach((document, i, all) => {
    const where = all.length > 1 ? `${how} (document ${i + 1})` : how;
    for (const item of documentItems(document, limits, 1)) if (item.kind !== "unparseable") items.push(atString(item, path, where));
  });
  return items;
}

/** The images of a manifest given as an object (a ConfigGroup's `objs`), reported at `path` with where in the object. */
export function objectReferences(path: string, object: unknown, limits: ScanLimits): Extracted[] {
  return documentItems(object, limits, 1).flatMap((item) => (item.kind === "unparseable" ? [] : [atString(item, path, "in the manifest")]));
}

function documentItems(document: unknown, limits: ScanLimits, depth: number): Extracted[] {
  if (typeof document !== "object" || document === null || Array.isArray(document)) return [];
  const object = document as Record<string, unknown>;
  if (typeof object.apiVersion === "string" && typeof object.kind === "string") {
    if (object.kind === "List" && Array.isArray(object.items)) {
      return object.items.flatMap((item, i) => documentItems(item, limits, depth + 1).map((found) => ({ ...found, path: `items[${i}].${found.path}` })));
    }
    if (object.kind === "ConfigMap" && object.data && typeof object.data === "object" && limits.descend("data", depth + 1)) {
      return Object.entries(object.data).flatMap(([key, value]) =>
        typeof value === "string" ? documentReferencesBelow(childPath("data", key), value, limits) : [],
      );
    }
    return manifestReferences(object, limits);
  }
  if (typeof object.services === "object" && object.services !== null) return composeImages(object.services as Record<string, unknown>);
  if (Array.isArray(object.images)) return kustomizeImages(object.images, "images");
  return helmValuesReferences(object, "", limits).items;
}

/** A ConfigMap's values inside a document are documents again: found there, they are reported at the key that holds them. */
function documentReferencesBelow(path: string, text: string, limits: ScanLimits): Extracted[] {
  return documentReferences(path, text, limits).map((item) => ({ ...item, path }));
}

/** A compose file's `services.<name>.image`. */
function composeImages(services: Record<string, unknown>): Extracted[] {
  return Object.entries(services).flatMap(([name, service]) => {
    const image = typeof service === "object" && service !== null ? (service as Record<string, unknown>).image : undefined;
    const item =
      typeof image === "string"
        ? classifyImageText(childPath(childPath("services", name), "image"), image, "container-image", "compose service image")
        : undefined;
    return item ? [item] : [];
  });
}
