import { PolicyScope } from "../src/evaluate/scope";
import { PolicyMetadata } from "./restrictedVendorPolicy";

export const containerImageMetadata: PolicyMetadata = {
  name: "restricted-vendor-container-image",
  description: "Container images and Helm charts must not come from a vendor that a law or the organisation restricts, whatever registry, mirror or cache they are pulled through.",
  remediationSteps:
    "Replace the image or chart with one from a vendor that is not restricted, including images pulled through mirrors and pull-through caches. For an approved use add an `exemptions` entry with a reason and an expiry date.",
  severity: "critical",
};

export const containerImageScope: PolicyScope = {
  policyName: containerImageMetadata.name,
  extractors: [],
  owns: () => true,
};
