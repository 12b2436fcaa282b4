import { familiesOnFacts } from "../../catalog/identifierFamilies";
import { isUnknown } from "../../props/unknown";
import { tableExtractor } from "../marketplace/fieldTable";
import { Extracted, Extractor } from "../types";
import { AZURE_EXTENSION_FIELDS } from "./azureExtensionFields";

const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" && !isUnknown(value) ? value.trim() : undefined);

/**
 * An extension as `azureExtensionPublishers` facts, "publisher" and "publisher:type", so that a catalog can name a
 * publisher or one of its extensions. An unknown publisher cannot be checked; an unknown type still leaves the
 * publisher to match.
 */
function readExtension(path: string, value: unknown): Extracted[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  const o = value as Record<string, unknown>;
  if (isUnknown(o.publisher))
    return [
      { kind: "unknown", path: at(path, "publisher"), expected: "Azure VM extension publisher", couldMatch: familiesOnFacts("azureExtensionPublishers") },
    ];
  const publisher = text(o.publisher);
  if (!publisher) return [];
  const type = text(o.type);
  const facts = type ? [publisher, `${publisher}:${type}`] : [publisher];
  const reference: Extracted = {
    kind: "azure-extension",
    path: path || "publisher",
    value: facts[facts.length - 1],
    facts: { azureExtensionPublishers: facts },
  };
  if (!isUnknown(o.type)) return [reference];
  return [
    reference,
    {
      kind: "unknown",
      path: at(path, "type"),
      expected: `Azure VM extension type of ${publisher}`,
      couldMatch: familiesOnFacts("azureExtensionPublishers"),
      below: `${publisher.toLowerCase()}:`,
    },
  ];
}

/** Azure VM extensions (a Marketplace item each), as resources of their own and inline in scale sets. */
export const azureExtensionExtractor: Extractor = tableExtractor({
  fields: AZURE_EXTENSION_FIELDS,
  expected: "Azure VM extension",
  couldMatch: familiesOnFacts("azureExtensionPublishers"),
  read: readExtension,
});
