import { Settings } from "../../config/settings";
import { Reference, ResourceInput } from "../../extract/types";
import { AmiRecord } from "../amiInventory";
import { resolveOffline, resolvedFromImage } from "../offlineResolver";
import { ResolvedReference } from "../types";
import { Ec2Image, ec2DescribeImages } from "./ec2Images";
import { ImageLookup } from "./imageLookup";
import { profileOf, regionOf } from "./region";

// Matches the offline resolver's bound on copies of copies.
const MAX_COPY_DEPTH = 5;

/** What a resolved AMI would have added: a failed lookup leaves these unverified. */
export const UNVERIFIED_FAMILIES = ["awsAccountIds", "amiNamePatterns", "marketplaceProductCodes"] as const;

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

/** The inventory first, then EC2 DescribeImages in the resource's region for an AMI id it does not hold. */
export async function resolveOnline(reference: Reference, resource: ResourceInput | undefined, settings: Settings): Promise<ResolvedReference> {
  if (reference.kind !== "ami" || settings.inventory.has(reference.value.toLowerCase())) return resolveOffline(reference, settings.inventory);
  const region = regionOf(resource);
  if (!region) {
    return { reference, facts: reference.facts, marketplace: false, lookupFailure: "no AWS region to look it up in: set aws:region for the stack, a region on the resource or its provider, or AWS_REGION" };
  }
  const profile = profileOf(resource);
  const outcome = await lookupIn(region, profile).lookup(reference.value);
  if ("failure" in outcome) return { reference, facts: reference.facts, marketplace: false, lookupFailure: outcome.failure };
  const sources = await sourcesOf(outcome.image, region, profile, settings);
  return resolvedFromImage(reference, outcome.image, (id) => sources.get(id.toLowerCase()), `EC2 DescribeImages in ${region}`);
}

/** The images a copy came from, from the inventory or from EC2 in the region DescribeImages names. */
async function sourcesOf(
  image: Ec2Image,
  region: string,
  profile: string | undefined,
  settings: Settings,
): Promise<Map<string, AmiRecord>> {
  const sources = new Map<string, AmiRecord>();
  let current: typeof image = image;
  for (let depth = 0; depth < MAX_COPY_DEPTH && current.SourceImageId; depth++) {
    const id = current.SourceImageId.toLowerCase();
    const known = settings.inventory.get(id);
    const source = known ?? (await lookupIn(current.SourceImageRegion ?? region, profile).lookup(id));
    const found = known ?? ("image" in source ? source.image : undefined);
    if (!found) break;
    sources.set(id, found);
    current = found;
  }
  return sources;
}
