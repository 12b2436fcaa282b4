import * as aws from "@pulumi/aws";

const endpointImage = aws.ec2.getAmiOutput({
  owners: ["111122223333"],
  mostRecent: true,
  filters: [{ name: "name", values: ["kaspersky-endpoint-security-*"] }],
});

// Deployed in 2023, before the ban; listed in the policy's grandfathered config.
export const legacyScanner = new aws.ec2.Instance("legacy-av-scanner", {
  ami: endpointImage.id,
  instanceType: "t3.micro",
}).id;

// Added after 2024-07-20: a new deployment, so not grandfathered.
export const newScanner = new aws.ec2.Instance("new-av-scanner", {
  ami: endpointImage.id,
  instanceType: "t3.micro",
}).id;
