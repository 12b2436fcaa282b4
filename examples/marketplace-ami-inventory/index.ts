import * as aws from "@pulumi/aws";

// The latest AWS Marketplace image of a product, by its product code: the id is all the instance records.
const marketplaceImage = (productCode: string) =>
  aws.ec2.getAmiOutput({
    owners: ["aws-marketplace"],
    mostRecent: true,
    filters: [{ name: "product-code", values: [productCode] }],
  });

export const endpointAgent = new aws.ec2.Instance("endpoint-agent", {
  ami: marketplaceImage("contosoendpointagent").id,
  instanceType: "t3.medium",
}).id;

export const threatCollector = new aws.ec2.Instance("threat-collector", {
  ami: marketplaceImage("contosothreatfeed").id,
  instanceType: "t3.small",
}).id;
