import { ImageSource } from "../container/imageSource";

const containers = (lists: string[], text: (list: string) => string[]) => ({
  images: lists.map((l) => `${l}.image`),
  text: lists.flatMap(text),
});

/** Azure container instance groups and GCP Cloud Run services and jobs. */
export const CLOUD_SOURCES: ImageSource[] = [
  {
    type: "azure-native:containerinstance:ContainerGroup",
    ...containers(["containers[*]", "initContainers[*]"], (l) => [`${l}.command`, `${l}.environmentVariables[*].value`]),
  },
  {
    type: "azure-native:containerinstance:ContainerGroupProfile",
    ...containers(["containers[*]", "initContainers[*]"], (l) => [`${l}.command`, `${l}.environmentVariables[*].value`]),
  },
  {
    type: "azure:containerservice/group:Group",
    ...containers(["containers[*]", "initContainers[*]"], (l) => [`${l}.commands`, `${l}.environmentVariables`, `${l}.secureEnvironmentVariables`]),
  },
  { type: "gcp:cloudrunv2/service:Service", ...containers(["template.containers[*]"], (l) => [`${l}.commands`, `${l}.args`, `${l}.envs[*].value`]) },
  { type: "gcp:cloudrunv2/job:Job", ...containers(["template.template.containers[*]"], (l) => [`${l}.commands`, `${l}.args`, `${l}.envs[*].value`]) },
  { type: "gcp:cloudrun/service:Service", ...containers(["template.spec.containers[*]"], (l) => [`${l}.commands`, `${l}.args`, `${l}.envs[*].value`]) },
];
