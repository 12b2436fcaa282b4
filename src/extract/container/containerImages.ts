import { AWS_SOURCES } from "../aws/awsSources";
import { AZURE_APP_SOURCES } from "../azure/azureContainerSources";
import { CLOUD_SOURCES } from "../cloud/cloudSources";
import { DOCKER_SOURCES } from "../docker/dockerSources";
import { DOCUMENT_SOURCES } from "../gitops/documentSources";
import { GITOPS_SOURCES } from "../gitops/manifests";
import { HELM_SOURCES } from "../kubernetes/helm";
import { KUBERNETES_WORKLOAD_SOURCES } from "../kubernetes/workloads";
import { STARTUP_SOURCES } from "../startup/startupSources";
import { Extractor } from "../types";
import { oncePerResource } from "../oncePerResource";
import { containerExtractor } from "./containerExtractor";
import { ImageSource } from "./imageSource";

/** Every modelled place a container image or chart hides, by provider family. */
export const CONTAINER_SOURCES: readonly ImageSource[] = [
  ...AWS_SOURCES,
  ...KUBERNETES_WORKLOAD_SOURCES,
  ...HELM_SOURCES,
  ...GITOPS_SOURCES,
  ...DOCUMENT_SOURCES,
  ...DOCKER_SOURCES,
  ...CLOUD_SOURCES,
  ...AZURE_APP_SOURCES,
  ...STARTUP_SOURCES,
];

/** Container images, Helm charts and image references in text, across every resource type (see docs/coverage.md). */
export const containerImageExtractor: Extractor = oncePerResource(containerExtractor(CONTAINER_SOURCES));
