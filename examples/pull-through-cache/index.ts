import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const caller = aws.getCallerIdentityOutput();
const region = aws.getRegionOutput();
const registry = pulumi.interpolate`${caller.accountId}.dkr.ecr.${region.region}.amazonaws.com`;

// Docker Hub images are pulled through the account's own ECR registry, so every image name in this
// stack starts with <account>.dkr.ecr.<region>.amazonaws.com/docker-hub/.
const dockerHubPrefix = "docker-hub";
new aws.ecr.PullThroughCacheRule("docker-hub", {
  ecrRepositoryPrefix: dockerHubPrefix,
  upstreamRegistryUrl: "registry-1.docker.io",
  credentialArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub",
});

const cluster = new aws.ecs.Cluster("apps", {});

// The web server's nginx comes through the cache too, and is fine; the agent sidecar is the restricted
// vendor's image (docker.io/examplevendor/agent), which the cache serves as docker-hub/examplevendor/agent.
const task = new aws.ecs.TaskDefinition("agent", {
  family: "web-with-agent",
  requiresCompatibilities: ["FARGATE"],
  networkMode: "awsvpc",
  cpu: "256",
  memory: "512",
  containerDefinitions: registry.apply((host) =>
    JSON.stringify([
      { name: "web", image: `${host}/${dockerHubPrefix}/library/nginx:1.27`, essential: true, portMappings: [{ containerPort: 80 }] },
      { name: "agent", image: `${host}/${dockerHubPrefix}/examplevendor/agent:7.1`, essential: false },
    ]),
  ),
});

export const clusterName = cluster.name;
export const taskDefinition = task.arn;
