import * as aws from "@pulumi/aws";

// The golden image pipeline still publishes a Kaspersky Endpoint Security image.
const endpointImage = aws.ec2.getAmiOutput({
  owners: ["111122223333"],
  mostRecent: true,
  filters: [{ name: "name", values: ["kaspersky-endpoint-security-*"] }],
});

export const webServer = new aws.ec2.Instance("web", {
  ami: endpointImage.id,
  instanceType: "t3.micro",
  tags: { Name: "web" },
}).id;
