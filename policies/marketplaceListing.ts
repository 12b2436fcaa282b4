import { amiExtractor } from "../src/extract/ami/amiExtractor";
import { PolicyScope, isResolved } from "../src/evaluate/scope";
import { PolicyMetadata } from "./restrictedVendorPolicy";

export const marketplaceListingMetadata: PolicyMetadata = {
  name: "restricted-vendor-marketplace-listing",
  description: "Marketplace listings (AWS, Azure, GCP) must not be sold for a vendor that a law or the organisation restricts, unless the listing is in an exempt service category.",
  remediationSteps:
    "Replace the listing with one from a vendor that is not restricted. Listings of exempt categories (for example threat intelligence under the Kaspersky determination) are allowed; for other approved uses add an `exemptions` entry with a reason and an expiry date.",
  severity: "critical",
};

export const marketplaceListingScope: PolicyScope = {
  policyName: marketplaceListingMetadata.name,
  extractors: [amiExtractor],
  // Unknown or malformed AMI fields are reported once, by the AMI policy.
  owns: (item) => isResolved(item) && item.marketplace,
};
