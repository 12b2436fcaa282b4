import { PolicyPack } from "@pulumi/policy";
import { restrictedVendorPolicies } from "./policies";
import { decodeAnalyzeRequests, decodeConfigureOnce, shareDeserializedProperties } from "./src/sdk/policySdk";

shareDeserializedProperties();
decodeConfigureOnce();
decodeAnalyzeRequests();

new PolicyPack("restricted-vendors", {
  description: "Blocks machine images, marketplace listings and container images from vendors that a law or the organisation restricts.",
  policies: restrictedVendorPolicies(),
});
