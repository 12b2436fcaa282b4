import { AmiRecord } from "../config/amiInventory";
import { Facts } from "../match/facts";

const AWS_MARKETPLACE_ACCOUNT = "679593333241";

export function isMarketplaceImage(image: AmiRecord): boolean {
  return (
    image.OwnerId === AWS_MARKETPLACE_ACCOUNT ||
    image.ImageOwnerAlias === "aws-marketplace" ||
    (image.ProductCodes ?? []).some((code) => code.ProductCodeType === "marketplace")
  );
}

/** The identifiers an image record carries, in the catalog's vocabulary. */
export function factsOfImage(image: AmiRecord): Facts {
  const facts: Facts = { amiIds: [image.ImageId], awsAccountIds: [image.OwnerId] };
  if (image.Name) facts.amiNames = [image.Name];
  if (image.ProductCodes?.length) facts.marketplaceProductCodes = image.ProductCodes.map((code) => code.ProductCodeId);
  return facts;
}

export function describeImage(image: AmiRecord): string {
  const owner = image.ImageOwnerAlias ? `${image.ImageOwnerAlias} (${image.OwnerId})` : image.OwnerId;
  const parts = [`owner ${owner}`];
  if (image.Name) parts.push(`name "${image.Name}"`);
  if (image.ProductCodes?.length)
    parts.push(`product code${image.ProductCodes.length > 1 ? "s" : ""} ${image.ProductCodes.map((c) => c.ProductCodeId).join(", ")}`);
  return parts.join(", ");
}

export function mergeFacts(a: Facts, b: Facts): Facts {
  const merged: Facts = { ...a };
  for (const key of Object.keys(b) as Array<keyof Facts>) merged[key] = [...new Set([...(a[key] ?? []), ...(b[key] ?? [])])];
  return merged;
}
