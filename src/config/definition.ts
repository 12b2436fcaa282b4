import { arrayField, enumField, instantField, integerField, objectField, stringField } from "../util/field";
import { vendorField } from "../catalog/vendorDefinition";
import { AWS_ACCOUNT_ID } from "../reference/aws";

const amiImageField = objectField(
  {
    ImageId: stringField({ minLength: 1 }),
    OwnerId: stringField({ pattern: AWS_ACCOUNT_ID, patternHint: "a 12-digit AWS account id" }),
    ImageOwnerAlias: stringField(),
    Name: stringField(),
    SourceImageId: stringField(),
    ProductCodes: arrayField(
      objectField({ ProductCodeId: stringField({ minLength: 1 }), ProductCodeType: stringField() }, { required: ["ProductCodeId"], allowUnknownKeys: true }),
    ),
  },
  // describe-images prints many more keys (Architecture, BlockDeviceMappings, ...): they are irrelevant, not mistakes.
  { required: ["ImageId", "OwnerId"], allowUnknownKeys: true },
);

/** The one definition of the config every restricted-vendor policy accepts; the configSchema is derived from it. */
export const policyConfigDefinition = objectField({
  asOf: instantField('The instant to evaluate enforcement windows at, e.g. "2024-09-29". Default: now.'),
  disabledVendors: arrayField(stringField({ minLength: 1 }), { description: "Catalog vendor ids not to enforce" }),
  additionalVendors: arrayField(vendorField, { description: "Vendors merged with the built-in catalog (same shape as its entries)" }),
  grandfathered: arrayField(stringField({ minLength: 1 }), {
    description: "URN globs ('*' = any run of characters) of resources that existed before a deny-new window began",
  }),
  exemptions: arrayField(
    objectField(
      {
        vendor: stringField({ minLength: 1 }),
        urn: stringField({ minLength: 1 }),
        reason: stringField({ minLength: 1 }),
        expires: instantField(),
        category: stringField({ minLength: 1 }),
      },
      { required: ["vendor", "urn", "reason", "expires"] },
    ),
    { description: "Approved exceptions: { vendor, urn (glob), reason, expires, category? }" },
  ),
  warnBeforeDays: integerField({ minimum: 0, description: "Days before a deny-new or deny window to start warning (default 30)" }),
  amiInventory: objectField(
    { Images: arrayField(amiImageField) },
    {
      required: ["Images"],
      allowUnknownKeys: true,
      description: "The JSON that `aws ec2 describe-images` prints, to resolve AMI ids to owners, names and product codes",
    },
  ),
  amiResolution: enumField(["offline", "aws"] as const, 'How to resolve AMI ids missing from the inventory: "offline" (default) or "aws" (EC2 DescribeImages)'),
  unknownsAtPreview: enumField(
    ["advisory", "mandatory"] as const,
    'A value unknown during preview that could name a restricted vendor: "advisory" (default; `pulumi up` checks it once resolved and blocks there) or "mandatory" (block the preview too)',
  ),
  programDirectory: stringField({
    pattern: /^(\/|[A-Za-z]:[\\/])/,
    patternHint: "an absolute path",
    description:
      "The Pulumi program's directory, where relative Docker build contexts and Dockerfile paths resolve (`pulumi preview` does not tell a policy pack; `restricted-vendors preview` sets it)",
  }),
  pullThroughCaches: arrayField(
    objectField(
      {
        registry: stringField({ minLength: 1 }),
        prefix: stringField({ minLength: 1 }),
        upstream: stringField({ minLength: 1 }),
      },
      { required: ["registry", "prefix", "upstream"] },
    ),
    { description: "ECR pull-through cache rules: { registry (host glob), prefix, upstream registry }" },
  ),
});

export const DEFAULT_WARN_BEFORE_DAYS = 30;
