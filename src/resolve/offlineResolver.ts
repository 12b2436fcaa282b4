import { Reference } from "../extract/types";
import { AmiInventory, AmiRecord } from "../config/amiInventory";
import { describeImage, factsOfImage, isMarketplaceImage, mergeFacts } from "./amiInventory";
import { ResolvedReference } from "./types";

// Copies of copies are rare; the bound keeps a cyclic inventory from looping.
const MAX_COPY_DEPTH = 5;

/** Resolves AMI references from the configured inventory; other references carry their own facts. */
export function resolveOffline(reference: Reference, inventory: AmiInventory): ResolvedReference {
  if (reference.kind !== "ami") return { reference, facts: reference.facts, marketplace: reference.facts.marketplaceSellers !== undefined };
  const image = inventory.get(reference.value.toLowerCase());
  if (!image) return { reference, facts: reference.facts, marketplace: false };
  return resolvedFromImage(reference, image, (id) => inventory.get(id.toLowerCase()), "amiInventory");
}

/** Facts of an image and of the images it was copied from, so a copy of a vendor AMI is still the vendor's. */
export function resolvedFromImage(
  reference: Reference,
  image: AmiRecord,
  lookup: (imageId: string) => AmiRecord | undefined,
  source: string,
): ResolvedReference {
  let facts = mergeFacts(reference.facts, factsOfImage(image));
  let marketplace = isMarketplaceImage(image);
  const descriptions = [describeImage(image)];
  let current = image;
  for (let depth = 0; depth < MAX_COPY_DEPTH && current.SourceImageId; depth++) {
    // The source's id is a fact even when its record is out of reach: a catalog may list that very id.
    facts = mergeFacts(facts, { amiIds: [current.SourceImageId] });
    const origin = lookup(current.SourceImageId);
    if (!origin) {
      descriptions.push(`copied from ${current.SourceImageId} (not in ${source})`);
      break;
    }
    facts = mergeFacts(facts, factsOfImage(origin));
    marketplace ||= isMarketplaceImage(origin);
    descriptions.push(`copied from ${origin.ImageId}: ${describeImage(origin)}`);
    current = origin;
  }
  return { reference, facts, marketplace, resolution: `${source}: ${descriptions.join("; ")}` };
}
