import * as aws from "@pulumi/aws";
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";

// The stack's own registry: the image is built here and pushed there.
const repository = new aws.ecr.Repository("web", { forceDelete: true });
const credentials = aws.ecr.getAuthorizationTokenOutput({ registryId: repository.registryId });

// Built from ./app (a relative build context, as most programs write it). At preview the image is not built
// yet, so its digest, and the task definition's whole JSON, are unknown until `pulumi up`.
const image = new docker.Image("web", {
  imageName: pulumi.interpolate`${repository.repositoryUrl}:latest`,
  build: { context: "./app", platform: "linux/amd64" },
  registry: { server: repository.repositoryUrl, username: credentials.userName, password: pulumi.secret(credentials.password) },
});

const cluster = new aws.ecs.Cluster("web", {});
const role = new aws.iam.Role("web-execution", {
  assumeRolePolicy: JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
  }),
  managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
});

const task = new aws.ecs.TaskDefinition("web", {
  family: "web",
  requiresCompatibilities: ["FARGATE"],
  networkMode: "awsvpc",
  cpu: "256",
  memory: "512",
  executionRoleArn: role.arn,
  containerDefinitions: pulumi.jsonStringify([{ name: "web", image: image.repoDigest, essential: true, portMappings: [{ containerPort: 80 }] }]),
});

export const clusterName = cluster.name;
export const taskDefinition = task.arn;
