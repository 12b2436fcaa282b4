import * as aws from "@pulumi/aws";

// Kaspersky Threat Intelligence stays allowed under the BIS determination (purely informational).
const connectorImage = aws.ec2.getAmiOutput({
  owners: ["111122223333"],
  mostRecent: true,
  filters: [{ name: "name", values: ["kaspersky-threat-intelligence-connector-*"] }],
});

export const connector = new aws.ec2.Instance("ti-connector", {
  ami: connectorImage.id,
  instanceType: "t3.small",
}).id;
