import { AWS_SOURCES } from "../../src/extract/aws/awsSources";
import { AZURE_APP_SOURCES } from "../../src/extract/azure/azureContainerSources";
import { CLOUD_SOURCES } from "../../src/extract/cloud/cloudSources";
import { ImageSource } from "../../src/extract/container/imageSource";
import { DOCKER_SOURCES } from "../../src/extract/docker/dockerSources";
import { DOCUMENT_SOURCES } from "../../src/extract/gitops/documentSources";
import { GITOPS_SOURCES } from "../../src/extract/gitops/manifests";
import { HELM_SOURCES } from "../../src/extract/kubernetes/helm";
import { KUBERNETES_WORKLOAD_SOURCES } from "../../src/extract/kubernetes/workloads";
import { STARTUP_SOURCES } from "../../src/extract/startup/startupSources";

const code = (text: string) => `\`${text}\``;

function table(title: string, sources: ImageSource[]): string {
  const rows = sources.map((s) => {
    const images = [...(s.images ?? []), ...(s.custom?.paths ?? [])].map(code).join("<br>") || "—";
    const text = [...(s.text ?? []), ...(s.userData ?? []).map((p) => `${p} (plain, base64, gzip+base64)`)].map(code).join("<br>") || "—";
    const json = s.json?.length ? ` (JSON strings: ${s.json.map(code).join(", ")})` : "";
    return `| ${code(s.type)}${json} | ${images} | ${text} |`;
  });
  return [`#### ${title}`, "", "| Resource type | Image and chart properties | Text scanned (commands, environment, user data) |", "|---|---|---|", ...rows, ""].join("\n");
}

/** The README's container coverage tables, rendered from the extractors' own tables. */
export function coverageTables(): string {
  return [
    table("AWS", AWS_SOURCES),
    // Each kind's `...Patch` type (server-side apply) is covered with the same paths; listing them would double the table.
    table("Kubernetes workloads (and each kind's `...Patch` type)", KUBERNETES_WORKLOAD_SOURCES.filter((s) => !s.type.endsWith("Patch"))),
    table("Helm", HELM_SOURCES),
    table("GitOps: Flux and Argo CD (CRDs as `kubernetes:<group>/<version>:<Kind>`)", GITOPS_SOURCES),
    table("Documents in strings (YAML or JSON: manifests, compose files, Helm values)", DOCUMENT_SOURCES.filter((s) => !s.type.endsWith("Patch"))),
    table("Docker", DOCKER_SOURCES),
    table("Azure and GCP", CLOUD_SOURCES),
    table("Azure App Service, Functions and Container Apps", AZURE_APP_SOURCES),
    table("Scripts and files machines fetch at boot (also read for downloads)", STARTUP_SOURCES),
  ].join("\n");
}
