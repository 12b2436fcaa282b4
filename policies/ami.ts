import { amiExtractor } from "../src/extract/ami/amiExtractor";
import { PolicyScope, policyScope } from "../src/evaluate/scope";
import { PolicyMetadata } from "./restrictedVendorPolicy";

export const amiMetadata: PolicyMetadata = {
  name: "restricted-vendor-ami",
  description: "Machine images (AMIs) must not come from a vendor that a law or the organisation restricts.",
  remediationSteps:
    "Replace the AMI with one from a vendor that is not restricted. If this use is allowed (an exempt service category, or an approved exception), add an entry to the policy's `exemptions` config with a reason and an expiry date; resources that existed before a deny-new date can be listed in `grandfathered`.",
  severity: "critical",
};

export const amiScope: PolicyScope = policyScope({ policyName: amiMetadata.name, extractors: [amiExtractor], reportsListings: false });
