import { amiScope } from "../../policies/ami";
import { containerImageScope } from "../../policies/containerImage";
import { marketplaceListingScope } from "../../policies/marketplaceListing";
import { evaluateResource } from "../../src/evaluate/evaluateResource";
import { ResourceInput } from "../../src/extract/types";
import { resolverFor } from "../../src/resolve/resolverFor";
import { exampleVendor, settingsFrom } from "../support/settings";

const SCOPES = [amiScope, containerImageScope, marketplaceListingScope];

const settings = settingsFrom({
  asOf: "2025-03-01",
  additionalVendors: [exampleVendor],
  amiInventory: {
    Images: [
      { ImageId: "ami-0aaaaaaaaaaaaaaaa", OwnerId: "111122223333", Name: "example-endpoint-2025" },
      { ImageId: "ami-0bbbbbbbbbbbbbbbb", OwnerId: "679593333241", ImageOwnerAlias: "aws-marketplace", Name: "example-endpoint-2025" },
    ],
  },
});

const instance = (ami: string): ResourceInput => ({
  type: "aws:ec2/instance:Instance",
  urn: "urn:pulumi:dev::example::aws:ec2/instance:Instance::web",
  name: "web",
  props: { ami },
});

/** The policies that report something about the resource: one per reference. */
async function reporters(resource: ResourceInput): Promise<string[]> {
  const reported = await Promise.all(
    SCOPES.map(async (scope) => ((await evaluateResource(resource, scope, settings, resolverFor(settings), "update")).length > 0 ? [scope.policyName] : [])),
  );
  return reported.flat();
}

describe("which policy reports a reference", () => {
  it("reports an AMI from outside a marketplace under the AMI policy only", async () => {
    expect(await reporters(instance("ami-0aaaaaaaaaaaaaaaa"))).toEqual(["restricted-vendor-ami"]);
  });

  it("reports a Marketplace AMI under the marketplace-listing policy only", async () => {
    expect(await reporters(instance("ami-0bbbbbbbbbbbbbbbb"))).toEqual(["restricted-vendor-marketplace-listing"]);
  });

  it("reports an unknown AMI under the AMI policy only: a borrowed extractor's unknowns stay with its policy", async () => {
    expect(await reporters(instance("04da6b54-80e4-46f7-96ec-b56ff0331ba9"))).toEqual(["restricted-vendor-ami"]);
  });
});
