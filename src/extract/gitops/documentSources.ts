import { Located, childPath, valuesAt } from "../../props/paths";
import { Found, ImageSource } from "../container/imageSource";
import { ScanLimits } from "../limits";
import { oncePerOrigin } from "../text/scripts";
import { hostReferencesInText } from "../text/textReferences";
import { Extracted } from "../types";
import { documentReferences, objectReferences } from "./documents";

/** Where Kubernetes resources hold documents in strings, and manifests as objects (the provider's YAML resources). */
const DOCUMENT_TYPES: ReadonlyArray<{ type: string; documents: string[]; objects: string[] }> = [
  { type: "kubernetes:core/v1:ConfigMap", documents: ["data"], objects: [] },
  { type: "kubernetes:core/v1:ConfigMapPatch", documents: ["data"], objects: [] },
  { type: "kubernetes:yaml/v2:ConfigGroup", documents: ["yaml", "yaml[*]"], objects: ["objs[*]"] },
];

export const DOCUMENT_SOURCES: ImageSource[] = DOCUMENT_TYPES.map(({ type, documents, objects }) => ({
  type,
  custom: {
    paths: [...documents.map((p) => `${p} (YAML or JSON documents: manifests, compose files, Helm values)`), ...objects.map((p) => `${p} (manifests)`)],
    read: (props, limits) => readDocuments(props, documents, objects, limits),
  },
}));

function readDocuments(props: Record<string, unknown>, documents: string[], objects: string[], limits: ScanLimits): Found {
  const items: Extracted[] = [];
  const consumed: string[] = [];
  for (const located of documents.flatMap((pattern) => valuesAt(props, pattern))) {
    for (const { path, text } of stringsIn(located)) {
      // Read as a document and scanned as text (a restricted host in a comment or a script in it) within one budget.
      // A text the budget cut is not parsed: the part of a document is another document.
      const within = limits.text(path, text);
      consumed.push(path);
      const documents = within.length === text.length ? documentReferences(path, within, limits) : [];
      items.push(...oncePerOrigin([...documents, ...hostReferencesInText(path, within)]));
    }
  }
  for (const located of objects.flatMap((pattern) => valuesAt(props, pattern))) {
    if (located.state === "known") items.push(...objectReferences(located.path, located.value, limits));
  }
  return { items, consumed };
}

/** A string, or the string values of a map (a ConfigMap's `data`). */
function stringsIn(located: Located): Array<{ path: string; text: string }> {
  if (located.state !== "known") return [];
  if (typeof located.value === "string") return [{ path: located.path, text: located.value }];
  if (typeof located.value !== "object" || located.value === null || Array.isArray(located.value)) return [];
  return Object.entries(located.value).flatMap(([key, value]) => (typeof value === "string" ? [{ path: childPath(located.path, key), text: value }] : []));
}
