import { familiesOnFacts } from "../../catalog/identifierFamilies";
import { quotable } from "../quote";
import { Extracted } from "../types";
import { parseArn } from "../../reference/aws";
import { tableExtractor } from "./fieldTable";
import { LISTING_FIELDS, ListingKind } from "./marketplaceFields";

/** The ARN service and resource prefix each kind of listing must carry. */
const ARN_SHAPE: Record<ListingKind, { service: string; prefix: string; expected: string }> = {
  "model-package": { service: "sagemaker", prefix: "model-package/", expected: "a SageMaker model package name or ARN" },
  algorithm: { service: "sagemaker", prefix: "algorithm/", expected: "a SageMaker algorithm name or ARN" },
  "serverless-application": { service: "serverlessrepo", prefix: "applications/", expected: "a Serverless Application Repository application ARN" },
};

// SageMaker resource names (the API's pattern): a name refers to the caller's own account.
const SAGEMAKER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$/;

const listingByType = new Map(LISTING_FIELDS.map((field) => [field.type, field.listing]));

function readListing(listing: ListingKind, path: string, value: unknown): Extracted[] {
  if (typeof value !== "string" || value.trim() === "") return [];
  const text = value.trim();
  const shape = ARN_SHAPE[listing];
  const arn = parseArn(text);
  if (arn && arn.service === shape.service && arn.resource.startsWith(shape.prefix)) {
    return [{ kind: "marketplace-arn", path, value: text, facts: { awsAccountIds: [arn.account] }, note: `published from account ${arn.account}` }];
  }
  if (listing !== "serverless-application" && SAGEMAKER_NAME.test(text)) return [];
  return [{ kind: "unparseable", path, value: quotable(text), expected: shape.expected, problem: "no publishing account can be read from it" }];
}

/** SageMaker model packages and algorithms, and Serverless Application Repository applications, by ARN. */
export const marketplaceListingExtractor = tableExtractor({
  fields: LISTING_FIELDS.map(({ type, paths }) => ({ type, paths })),
  expected: "marketplace listing ARN",
  couldMatch: familiesOnFacts("awsAccountIds"),
  read: (path, value, site) => readListing(listingByType.get(site.type)!, path, value),
});
