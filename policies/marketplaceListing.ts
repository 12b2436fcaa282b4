import { amiExtractor } from "../src/extract/ami/amiExtractor";
import { azureExtensionExtractor } from "../src/extract/azure/azureExtensionExtractor";
import { azureMarketplaceExtractor } from "../src/extract/azure/azureExtractor";
import { containerImageExtractor } from "../src/extract/container/containerImages";
import { gcpImageExtractor } from "../src/extract/gcp/gcpExtractor";
import { marketplaceListingExtractor } from "../src/extract/marketplace/marketplaceExtractor";
import { ReferenceKind } from "../src/extract/types";
import { PolicyScope, policyScope } from "../src/evaluate/scope";
import { PolicyMetadata } from "./restrictedVendorPolicy";

export const marketplaceListingMetadata: PolicyMetadata = {
  name: "restricted-vendor-marketplace-listing",
  description:
    "Marketplace listings (AWS, Azure, GCP) must not be sold for a vendor that a law or the organisation restricts, unless the listing is in an exempt service category.",
  remediationSteps:
    "Replace the listing with one from a vendor that is not restricted. Listings of exempt categories (for example threat intelligence under the Kaspersky determination) are allowed; for other approved uses add an `exemptions` entry with a reason and an expiry date.",
  severity: "critical",
};

const AMI_KINDS: ReadonlySet<ReferenceKind> = new Set(["ami"]);
const CONTAINER_KINDS: ReadonlySet<ReferenceKind> = new Set(["container-image", "image-in-text", "helm-chart"]);

// An AMI or a container image is a listing only when it resolves to an AWS Marketplace image (a Marketplace AMI, or an
// image of a seller in the Marketplace registry); the AMI and container policies report the rest.
export const marketplaceListingScope: PolicyScope = policyScope({
  policyName: marketplaceListingMetadata.name,
  borrowed: [
    { extractor: amiExtractor, kinds: AMI_KINDS },
    { extractor: containerImageExtractor, kinds: CONTAINER_KINDS },
  ],
  extractors: [marketplaceListingExtractor, azureMarketplaceExtractor, azureExtensionExtractor, gcpImageExtractor],
  reportsListings: true,
});
