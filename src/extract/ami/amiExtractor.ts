import { familiesOnFacts } from "../../catalog/identifierFamilies";
import { valuesAt } from "../../props/paths";
import { ACCOUNT_ID_SOURCE, AMI_ID, arnPattern } from "../../reference/aws";
import { quotable } from "../quote";
import { Extracted, Extractor, ResourceInput } from "../types";
import { AMI_FIELDS } from "./amiFields";

// arn:aws:imagebuilder:<region>:<owner>:image/<name>/<version>; owner is an account or "aws" for Amazon-managed images.
const IMAGE_BUILDER_ARN = new RegExp(`^${arnPattern("imagebuilder", "image\\/[^\\s]+", `(${ACCOUNT_ID_SOURCE}|aws|aws-marketplace)`)}$`);
// Image Builder also builds from an AWS Marketplace product ID, and Marketplace publishes SSM parameters per product:
// nothing in either names the product's seller.
const MARKETPLACE_PRODUCT_ID = /^prod-[a-z0-9]+$/;
const MARKETPLACE_ACTION =
  'Use the product\'s AMI id instead (its launch instructions name it), which amiInventory or amiResolution "aws" can resolve; if the product is allowed, add an exemption';
// Resolved by AWS at deploy time from Parameter Store: the AMI it holds is nothing the pack can know offline.
const SSM_PARAMETER = /^(resolve:)?ssm:/;
// ...but a parameter ARN names the account that owns the parameter,
const SSM_PARAMETER_ARN = new RegExp(`^(?:resolve:)?ssm:${arnPattern("ssm", "parameter\\/\\S+")}$`);
// and AWS Marketplace's public parameters (/aws/service/marketplace/prod-<id>/<version>) name the product.
const MARKETPLACE_PARAMETER = new RegExp(`^(?:resolve:)?ssm:(?:${arnPattern("ssm", "parameter", "")})?\\/aws\\/service\\/marketplace\\/(prod-[a-z0-9]+)\\/`);

// A machine image unknown at preview could be an AMI of any owner, name or product.
const MACHINE_IMAGE_COULD_MATCH = familiesOnFacts("awsAccountIds", "amiIds", "amiNames", "marketplaceProductCodes");
const EXPECTED = "an AMI id (ami-...), an Image Builder image ARN or an SSM parameter";
const fieldsByType = new Map(AMI_FIELDS.map((field) => [field.type, field.paths]));

export function classifyMachineImage(path: string, text: string): Extracted | undefined {
  const value = text.trim();
  if (AMI_ID.test(value)) return { kind: "ami", path, value, facts: { amiIds: [value] } };
  const arn = IMAGE_BUILDER_ARN.exec(value);
  if (arn) {
    const owner = arn[1];
    if (owner === "aws-marketplace") return marketplaceProduct(path, value);
    return { kind: "image-builder-image", path, value, facts: owner === "aws" ? {} : { awsAccountIds: [owner] } };
  }
  if (MARKETPLACE_PRODUCT_ID.test(value) || MARKETPLACE_PARAMETER.test(value)) return marketplaceProduct(path, value);
  const parameterOwner = SSM_PARAMETER_ARN.exec(value)?.[1];
  if (parameterOwner) return { kind: "ssm-parameter", path, value, facts: { awsAccountIds: [parameterOwner] } };
  if (SSM_PARAMETER.test(value) || value === "") return undefined;
  return { kind: "unparseable", path, value: quotable(value), expected: EXPECTED, problem: "it is not a form the pack can resolve" };
}

function marketplaceProduct(path: string, value: string): Extracted {
  return {
    kind: "unknown",
    path,
    expected: "AWS Marketplace product",
    couldMatch: familiesOnFacts("marketplaceProductCodes", "marketplaceSellers"),
    unresolvable: { value: quotable(value), action: MARKETPLACE_ACTION },
  };
}

export const amiExtractor: Extractor = {
  coverage: AMI_FIELDS,
  appliesTo: (type) => fieldsByType.has(type),
  extract(resource: ResourceInput): Extracted[] {
    const found: Extracted[] = [];
    const unknownPaths = new Set<string>();
    for (const pattern of fieldsByType.get(resource.type) ?? []) {
      for (const located of valuesAt(resource.props, pattern)) {
        if (located.state === "unknown") {
          // Two paths through one unknown value (computeResources.imageId and .ec2Configurations) meet at it: report it once.
          if (unknownPaths.has(located.path)) continue;
          unknownPaths.add(located.path);
          found.push({ kind: "unknown", path: located.path, expected: "machine image", couldMatch: MACHINE_IMAGE_COULD_MATCH });
        } else if (typeof located.value === "string") {
          const extracted = classifyMachineImage(located.path, located.value);
          if (extracted) found.push(extracted);
        }
      }
    }
    return found;
  },
};
