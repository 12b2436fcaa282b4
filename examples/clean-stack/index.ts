import * as aws from "@pulumi/aws";

const ubuntu = aws.ec2.getAmiOutput({
  owners: ["099720109477"],
  mostRecent: true,
  filters: [{ name: "name", values: ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"] }],
});

export const app = new aws.ec2.Instance("app", { ami: ubuntu.id, instanceType: "t3.micro" }).id;
export const logs = new aws.s3.BucketV2("logs", {}).id;
