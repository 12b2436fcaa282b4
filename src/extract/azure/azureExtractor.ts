import { familiesOnFacts } from "../../catalog/identifierFamilies";
import { Extracted, Extractor, Reference } from "../types";
import { FieldSite, tableExtractor } from "../marketplace/fieldTable";
import { AZURE_FIELDS, AzureShape } from "./azureFields";
import { listingReference, platformImageReference } from "./azureListing";

const shapeAt = (site: FieldSite): AzureShape => AZURE_FIELDS.find((f) => f.type === site.type)!.shapes[site.pattern];

const at = (path: string, key: string) => (path ? `${path}.${key}` : key);

function read(path: string, value: unknown, site: FieldSite): Extracted[] {
  const shape = shapeAt(site);
  if (shape === "platform-image-id") return platformImageReference(path, value);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  const o = value as Record<string, unknown>;
  switch (shape) {
    case "plan":
      return listingReference(
        "azure-plan",
        path,
        { publisher: o.publisher, offer: o.product, sku: o.name },
        { publisher: at(path, "publisher"), offer: at(path, "product"), sku: at(path, "name") },
      );
    case "agreement":
      return listingReference(
        "azure-plan",
        "publisher",
        { publisher: o.publisher, offer: o.offer, sku: o.plan },
        { publisher: "publisher", offer: "offer", sku: "plan" },
      );
    case "image":
      return o.publisher === undefined
        ? platformImageReference(at(path, "id"), o.id)
        : listingReference(
            "azure-image",
            path,
            { publisher: o.publisher, offer: o.offer, sku: o.sku },
            { publisher: at(path, "publisher"), offer: at(path, "offer"), sku: at(path, "sku") },
          );
  }
}

const offerOf = (reference: Reference) => reference.value.split(":").slice(0, 2).join(":").toLowerCase();

/** A Marketplace VM names its listing twice, as plan and as image: report the plan only. */
function withoutImagesOfPlans(found: Extracted[]): Extracted[] {
  const planOffers = new Set(found.filter((e): e is Reference => e.kind === "azure-plan").map(offerOf));
  return found.filter((e) => e.kind !== "azure-image" || !planOffers.has(offerOf(e)));
}

const table = tableExtractor({
  fields: AZURE_FIELDS.map(({ type, shapes }) => ({ type, paths: Object.keys(shapes) })),
  expected: "Azure Marketplace listing",
  couldMatch: familiesOnFacts("azurePublishers"),
  read,
});

/** Azure Marketplace plans, images and agreements, in azure-native and azure (classic) resources. */
export const azureMarketplaceExtractor: Extractor = {
  coverage: AZURE_FIELDS.map(({ type, shapes }) => ({ type, paths: Object.keys(shapes).map((p) => p || "publisher, offer, plan") })),
  appliesTo: table.appliesTo,
  extract: (resource) => withoutImagesOfPlans(table.extract(resource)),
};
