/**
 * AWS resources that use a listing by ARN, whose account field names the publisher: SageMaker model
 * packages and algorithms (AWS Marketplace ML products, or shared from another account) and Serverless
 * Application Repository applications. A bare name refers to the caller's own account and names no vendor.
 */
export type ListingKind = "model-package" | "algorithm" | "serverless-application";

export const LISTING_FIELDS: ReadonlyArray<{ type: string; paths: string[]; listing: ListingKind }> = [
  { type: "aws:sagemaker/model:Model", paths: ["primaryContainer.modelPackageName", "containers[*].modelPackageName"], listing: "model-package" },
  { type: "aws-native:sagemaker:Model", paths: ["primaryContainer.modelPackageName", "containers[*].modelPackageName"], listing: "model-package" },
  { type: "aws:sagemaker/trainingJob:TrainingJob", paths: ["algorithmSpecification.algorithmName"], listing: "algorithm" },
  {
    type: "aws:sagemaker/hyperParameterTuningJob:HyperParameterTuningJob",
    paths: ["trainingJobDefinition.algorithmSpecification.algorithmName", "trainingJobDefinitions[*].algorithmSpecification.algorithmName"],
    listing: "algorithm",
  },
  { type: "aws-native:sagemaker:ModelPackage", paths: ["sourceAlgorithmSpecification.sourceAlgorithms[*].algorithmName"], listing: "algorithm" },
  { type: "aws:serverlessrepository/cloudFormationStack:CloudFormationStack", paths: ["applicationId"], listing: "serverless-application" },
];
