import { ImageSource } from "../container/imageSource";

/** Where each workload kind keeps its pod spec. Patch types (server-side apply) have the same shape. */
const POD_SPEC_PATHS: ReadonlyArray<{ kinds: string[]; podSpec: string }> = [
  { kinds: ["core/v1:Pod"], podSpec: "spec" },
  { kinds: ["core/v1:PodTemplate"], podSpec: "template.spec" },
  {
    kinds: [
      "core/v1:ReplicationController",
      "apps/v1:Deployment",
      "apps/v1:StatefulSet",
      "apps/v1:DaemonSet",
      "apps/v1:ReplicaSet",
      // Older API versions the SDK still ships, which older clusters serve.
      "apps/v1beta1:Deployment",
      "apps/v1beta1:StatefulSet",
      "apps/v1beta2:Deployment",
      "apps/v1beta2:StatefulSet",
      "apps/v1beta2:DaemonSet",
      "apps/v1beta2:ReplicaSet",
      "extensions/v1beta1:Deployment",
      "extensions/v1beta1:DaemonSet",
      "extensions/v1beta1:ReplicaSet",
      "batch/v1:Job",
    ],
    podSpec: "spec.template.spec",
  },
  { kinds: ["batch/v1:CronJob", "batch/v1beta1:CronJob", "batch/v2alpha1:CronJob"], podSpec: "spec.jobTemplate.spec.template.spec" },
];

const CONTAINER_LISTS = ["containers", "initContainers", "ephemeralContainers"];

function podSpecSource(type: string, podSpec: string): ImageSource {
  const lists = CONTAINER_LISTS.map((list) => `${podSpec}.${list}[*]`);
  return {
    type,
    images: lists.map((list) => `${list}.image`),
    text: lists.flatMap((list) => [`${list}.command`, `${list}.args`, `${list}.env[*].value`]),
  };
}

/** Every Kubernetes workload kind by type token, with containers, init containers and ephemeral containers. */
export const KUBERNETES_WORKLOAD_SOURCES: ImageSource[] = POD_SPEC_PATHS.flatMap(({ kinds, podSpec }) =>
  kinds.flatMap((kind) => [podSpecSource(`kubernetes:${kind}`, podSpec), podSpecSource(`kubernetes:${kind}Patch`, podSpec)]),
);
