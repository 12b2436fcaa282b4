/**
 * Where AWS resources take a machine image, by Pulumi type token. Adding a resource type is one line here.
 * Paths use the SDK's input property names; `[*]` walks an array.
 */
export const AMI_FIELDS: ReadonlyArray<{ type: string; paths: string[] }> = [
  { type: "aws:ec2/instance:Instance", paths: ["ami"] },
  { type: "aws:ec2/launchTemplate:LaunchTemplate", paths: ["imageId"] },
  { type: "aws:ec2/launchConfiguration:LaunchConfiguration", paths: ["imageId"] },
  { type: "aws:ec2/spotInstanceRequest:SpotInstanceRequest", paths: ["ami"] },
  { type: "aws:ec2/spotFleetRequest:SpotFleetRequest", paths: ["launchSpecifications[*].ami"] },
  { type: "aws:ec2/amiCopy:AmiCopy", paths: ["sourceAmiId"] },
  { type: "aws:imagebuilder/imageRecipe:ImageRecipe", paths: ["parentImage"] },
  { type: "aws:emr/cluster:Cluster", paths: ["customAmiId"] },
  {
    type: "aws:batch/computeEnvironment:ComputeEnvironment",
    paths: ["computeResources.imageId", "computeResources.ec2Configurations[*].imageIdOverride"],
  },
  { type: "aws:opsworks/instance:Instance", paths: ["amiId"] },
  { type: "aws-native:ec2:Instance", paths: ["imageId"] },
  { type: "aws-native:ec2:LaunchTemplate", paths: ["launchTemplateData.imageId"] },
  { type: "aws-native:ec2:SpotFleet", paths: ["spotFleetRequestConfigData.launchSpecifications[*].imageId"] },
  { type: "aws-native:autoscaling:LaunchConfiguration", paths: ["imageId"] },
  { type: "aws-native:imagebuilder:ImageRecipe", paths: ["parentImage"] },
  { type: "aws-native:emr:Cluster", paths: ["customAmiId"] },
  {
    type: "aws-native:batch:ComputeEnvironment",
    paths: ["computeResources.imageId", "computeResources.ec2Configuration[*].imageIdOverride"],
  },
  { type: "aws-native:opsworks:Instance", paths: ["amiId"] },
  // pulumi-eks components: remote, so a real preview also registers the launch template they build (docs/coverage.md, "Components").
  { type: "eks:index:Cluster", paths: ["nodeAmiId", "nodeGroupOptions.amiId"] },
  { type: "eks:index:NodeGroup", paths: ["amiId"] },
  { type: "eks:index:NodeGroupV2", paths: ["amiId"] },
  { type: "eks:index:ManagedNodeGroup", paths: ["amiId"] },
];
