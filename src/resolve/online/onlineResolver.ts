import { Settings } from "../../config/settings";
import { Reference, ResourceInput } from "../../extract/types";
import { AmiRecord } from "../../config/amiInventory";
import { resolveOffline, resolvedFromImage } from "../offlineResolver";
import { ResolvedReference } from "../types";
import { Ec2Image, ec2DescribeImages } from "./ec2Images";
import { ImageLookup } from "./imageLookup";
import { profileOf, regionOf } from "./region";

// Matches the offline resolver's bound on copies of copies.
const MAX_COPY_DEPTH = 5;

/**
 * One lookup per region and credential profile for the whole run (a pack process serves one preview):
 * the three policies, and every resource, share its answers. DescribeImages answers do not depend on the
 * policy config, so the inventory is consulted first and the cache needs no config in its key.
 */
const lookups = new Map<string, ImageLookup>();

function lookupIn(region: string, profile: string | undefined): ImageLookup {
  const key = `${region}\u0000${profile ?? ""}`;
  let lookup = lookups.get(key);
  if (!lookup) {
    lookup = new ImageLookup(region, ec2DescribeImages(region, profile));
    lookups.set(key, lookup);
  }
  return lookup;
}

const NO_REGION = "no AWS region to look it up in: set aws:region for the stack, a region on the resource or its provider, or AWS_REGION";

/**
 * The inventory first, then EC2 DescribeImages in the resource's region for an AMI id it does not hold; the same
 * for each image a copy came from. A lookup that fails leaves the reference unverified, whatever was found before it.
 */
export async function resolveOnline(reference: Reference, resource: ResourceInput | undefined, settings: Settings): Promise<ResolvedReference> {
  if (reference.kind !== "ami") return resolveOffline(reference, settings.inventory);
  const region = regionOf(resource);
  const profile = profileOf(resource);
  let image: Ec2Image | undefined = settings.inventory.get(reference.value.toLowerCase());
  let source = "amiInventory";
  if (!image) {
    if (!region) return { reference, facts: reference.facts, marketplace: false, lookupFailure: NO_REGION };
    const outcome = await lookupIn(region, profile).lookup(reference.value);
    if ("failure" in outcome) return { reference, facts: reference.facts, marketplace: false, lookupFailure: outcome.failure };
    image = outcome.image;
    source = `EC2 DescribeImages in ${region}`;
  }
  const { sources, failure } = await sourcesOf(image, region, profile, settings);
  const resolved = resolvedFromImage(reference, image, (id) => sources.get(id.toLowerCase()), source);
  return failure ? { ...resolved, lookupFailure: failure } : resolved;
}

/** The images a copy came from, from the inventory or from EC2 in the region DescribeImages names (else the resource's). */
async function sourcesOf(
  image: Ec2Image,
  region: string | undefined,
  profile: string | undefined,
  settings: Settings,
): Promise<{ sources: Map<string, AmiRecord>; failure?: string }> {
  const sources = new Map<string, AmiRecord>();
  let current: Ec2Image = image;
  for (let depth = 0; depth < MAX_COPY_DEPTH && current.SourceImageId; depth++) {
    const id = current.SourceImageId.toLowerCase();
    let found: Ec2Image | undefined = settings.inventory.get(id);
    if (!found) {
      const sourceRegion = current.SourceImageRegion ?? region;
      const outcome = sourceRegion ? await lookupIn(sourceRegion, profile).lookup(id) : { failure: NO_REGION };
      if ("failure" in outcome)
        return { sources, failure: `${current.ImageId} is a copy of ${current.SourceImageId}, which could not be looked up: ${outcome.failure}` };
      found = outcome.image;
    }
    sources.set(id, found);
    current = found;
  }
  return { sources };
}
