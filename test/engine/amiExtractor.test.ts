import { amiExtractor } from "../../src/extract/ami/amiExtractor";
import { UNKNOWN } from "../../src/harness/wireValues";

const extract = (type: string, props: Record<string, unknown>) => amiExtractor.extract({ type, urn: "urn", name: "r", props });

describe("amiExtractor", () => {
  it("finds an AMI id with its path", () => {
    expect(extract("aws:ec2/instance:Instance", { ami: "ami-0123456789abcdef0" })).toEqual([
      { kind: "ami", path: "ami", value: "ami-0123456789abcdef0", facts: { amiIds: ["ami-0123456789abcdef0"] } },
    ]);
  });

  it("accepts the short, 8-digit AMI ids of older images", () => {
    expect(extract("aws:ec2/instance:Instance", { ami: "ami-12345678" })[0]).toMatchObject({ kind: "ami" });
  });

  it("reads the owner account of an Image Builder image ARN", () => {
    const [found] = extract("aws:imagebuilder/imageRecipe:ImageRecipe", { parentImage: "arn:aws:imagebuilder:eu-west-1:111122223333:image/base/1.0.0/1" });
    expect(found).toMatchObject({ kind: "image-builder-image", facts: { awsAccountIds: ["111122223333"] } });
  });

  it("knows no owner for an Amazon-managed Image Builder image", () => {
    const [found] = extract("aws:imagebuilder/imageRecipe:ImageRecipe", { parentImage: "arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2-x86/x.x.x" });
    expect(found).toMatchObject({ kind: "image-builder-image", facts: {} });
  });

  it.each([
    ["a Marketplace product ID", "prod-abcdefghijklm"],
    ["a Marketplace image ARN", "arn:aws:imagebuilder:us-east-1:aws-marketplace:image/example-endpoint/1.0.0"],
  ])("cannot resolve %s as a parent image, and says what it could belong to", (_case, parentImage) => {
    expect(extract("aws:imagebuilder/imageRecipe:ImageRecipe", { parentImage })).toEqual([
      expect.objectContaining({
        kind: "unknown",
        path: "parentImage",
        couldMatch: ["marketplaceProductCodes", "marketplaceSellers"],
        unresolvable: expect.objectContaining({ value: parentImage }),
      }),
    ]);
  });

  it("marks an unknown AMI as unknown, with the families it could have matched", () => {
    expect(extract("aws:ec2/instance:Instance", { ami: UNKNOWN })).toEqual([
      { kind: "unknown", path: "ami", expected: "machine image", couldMatch: ["awsAccountIds", "amiIds", "amiNamePatterns", "marketplaceProductCodes"] },
    ]);
  });

  it("marks an unknown array as unknown at the array", () => {
    expect(extract("aws:ec2/spotFleetRequest:SpotFleetRequest", { launchSpecifications: UNKNOWN })).toMatchObject([
      { kind: "unknown", path: "launchSpecifications" },
    ]);
  });

  it("ignores a number where a string is expected", () => {
    expect(extract("aws:ec2/instance:Instance", { ami: 42 })).toEqual([]);
  });

  it("ignores resource types it does not cover", () => {
    expect(amiExtractor.appliesTo("aws:s3/bucket:Bucket")).toBe(false);
  });
});
