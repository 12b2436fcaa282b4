import { Reference, ResourceInput } from "../extract/types";
import { Facts } from "../match/facts";

/** A reference with everything the pack could learn about it. */
export interface ResolvedReference {
  reference: Reference;
  facts: Facts;
  /** What the lookup found, for the message, e.g. "amiInventory: owner 111122223333, name ...". */
  resolution?: string;
  /** Sold through a cloud marketplace: the marketplace-listing policy reports it, not the AMI policy. */
  marketplace: boolean;
  /** Why the lookup could not complete (online resolution). */
  lookupFailure?: string;
}

/** What a resolved AMI would have added: a lookup that failed (`lookupFailure`) leaves these unverified. */
export const UNVERIFIED_FAMILIES = ["awsAccountIds", "amiNamePatterns", "marketplaceProductCodes"] as const;

/** Looks references up (AMI id → owner and product codes); resolvers may be asynchronous (EC2 API). */
export interface Resolver {
  /** `resource` tells an online resolver where to look: its region and provider. */
  resolve(references: Reference[], resource: ResourceInput): Promise<ResolvedReference[]>;
}
