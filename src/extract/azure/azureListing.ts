import { familiesOnFacts } from "../../catalog/identifierFamilies";
import { Extracted, Reference, ReferenceKind } from "../types";
import { isUnknown } from "../../props/unknown";

/**
 * A listing's identifiers as `azurePublishers` facts: the publisher, and the URN prefixes
 * "publisher:offer" and "publisher:offer:sku" (the form `az vm image list` prints), so that a catalog
 * product can name one offer or plan of a publisher, for example to exempt only its threat-intelligence offer.
 */
function publisherFacts(publisher: string, offer?: string, sku?: string): string[] {
  const facts = [publisher];
  if (offer) facts.push(`${publisher}:${offer}`);
  if (offer && sku) facts.push(`${publisher}:${offer}:${sku}`);
  return facts;
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" && !isUnknown(value) ? value.trim() : undefined);

/**
 * Reads {publisher, offer, sku} under any key names. An unknown publisher cannot be checked at all; an unknown
 * offer or SKU can still hide a listing that a catalog names by publisher and offer (or offer and SKU).
 */
export function listingReference(
  kind: ReferenceKind,
  path: string,
  fields: { publisher: unknown; offer: unknown; sku: unknown },
  fieldPaths: { publisher: string; offer: string; sku: string },
): Extracted[] {
  if (isUnknown(fields.publisher)) {
    return [{ kind: "unknown", path: fieldPaths.publisher, expected: "Azure Marketplace publisher", couldMatch: familiesOnFacts("azurePublishers") }];
  }
  const publisher = text(fields.publisher);
  if (!publisher) return [];
  const offer = text(fields.offer);
  const sku = offer ? text(fields.sku) : undefined;
  const reference: Reference = {
    kind,
    path,
    value: [publisher, offer, sku].filter(Boolean).join(":"),
    facts: { azurePublishers: publisherFacts(publisher, offer, sku) },
  };
  if (isUnknown(fields.offer)) return [reference, unknownPart(fieldPaths.offer, "offer", publisher)];
  if (offer && isUnknown(fields.sku)) return [reference, unknownPart(fieldPaths.sku, "plan or SKU", `${publisher}:${offer}`)];
  return [reference];
}

function unknownPart(path: string, part: string, known: string): Extracted {
  return {
    kind: "unknown",
    path,
    expected: `Azure Marketplace ${part} of ${known}`,
    couldMatch: familiesOnFacts("azurePublishers"),
    below: `${known.toLowerCase()}:`,
  };
}

// Case-insensitive, as Azure treats these ids.
const PLATFORM_IMAGE_ID = /\/publishers\/([^/]+)\/artifacttypes\/vmimage\/offers\/([^/]+)\/skus\/([^/]+)(?:\/versions\/[^/]+)?\/?$/i;

/** A platform (Marketplace) image id; other image ids (custom images, galleries) are the subscription's own. */
export function platformImageReference(path: string, value: unknown): Extracted[] {
  const id = text(value);
  const match = id ? PLATFORM_IMAGE_ID.exec(id) : null;
  if (!match) return [];
  const [, publisher, offer, sku] = match;
  return [
    {
      kind: "azure-image",
      path,
      value: `${publisher}:${offer}:${sku}`,
      facts: { azurePublishers: publisherFacts(publisher, offer, sku) },
      note: "from the platform image id",
    },
  ];
}
