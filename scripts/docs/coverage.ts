import { amiExtractor } from "../../src/extract/ami/amiExtractor";
import { AWS_SOURCES } from "../../src/extract/aws/awsSources";
import { AZURE_APP_SOURCES } from "../../src/extract/azure/azureContainerSources";
import { azureExtensionExtractor } from "../../src/extract/azure/azureExtensionExtractor";
import { azureMarketplaceExtractor } from "../../src/extract/azure/azureExtractor";
import { CLOUD_SOURCES } from "../../src/extract/cloud/cloudSources";
import { ImageSource } from "../../src/extract/container/imageSource";
import { DOCKER_SOURCES } from "../../src/extract/docker/dockerSources";
import { gcpImageExtractor } from "../../src/extract/gcp/gcpExtractor";
import { DOCUMENT_SOURCES } from "../../src/extract/gitops/documentSources";
import { GITOPS_SOURCES } from "../../src/extract/gitops/manifests";
import { HELM_SOURCES } from "../../src/extract/kubernetes/helm";
import { KUBERNETES_WORKLOAD_SOURCES } from "../../src/extract/kubernetes/workloads";
import { marketplaceListingExtractor } from "../../src/extract/marketplace/marketplaceExtractor";
import { STARTUP_SOURCES } from "../../src/extract/startup/startupSources";
import { Extractor } from "../../src/extract/types";
import { code, fillTemplate } from "./template";

function containerTable(title: string, sources: ImageSource[]): string {
  const rows = sources.map((s) => {
    const images = [...(s.images ?? []), ...(s.custom?.paths ?? [])].map(code).join("<br>") || "—";
    const text = [...(s.text ?? []), ...(s.userData ?? []).map((p) => `${p} (plain, base64, gzip+base64)`)].map(code).join("<br>") || "—";
    const json = s.json?.length ? ` (JSON strings: ${s.json.map(code).join(", ")})` : "";
    return `| ${code(s.type)}${json} | ${images} | ${text} |`;
  });
  return [
    `#### ${title}`,
    "",
    "| Resource type | Image and chart properties | Text scanned (commands, environment, user data) |",
    "|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

/** The container policy's tables, rendered from the extractors' own source tables. */
export function coverageTables(): string {
  return [
    containerTable("AWS", AWS_SOURCES),
    // Each kind's `...Patch` type (server-side apply) is covered with the same paths; listing them would double the table.
    containerTable(
      "Kubernetes workloads (and each kind's `...Patch` type)",
      KUBERNETES_WORKLOAD_SOURCES.filter((s) => !s.type.endsWith("Patch")),
    ),
    containerTable("Helm", HELM_SOURCES),
    containerTable("GitOps: Flux and Argo CD (CRDs as `kubernetes:<group>/<version>:<Kind>`)", GITOPS_SOURCES),
    containerTable(
      "Documents in strings (YAML or JSON: manifests, compose files, Helm values)",
      DOCUMENT_SOURCES.filter((s) => !s.type.endsWith("Patch")),
    ),
    containerTable("Docker", DOCKER_SOURCES),
    containerTable("Azure and GCP", CLOUD_SOURCES),
    containerTable("Azure App Service, Functions and Container Apps", AZURE_APP_SOURCES),
    containerTable("Scripts and files machines fetch at boot (also read for downloads)", STARTUP_SOURCES),
  ].join("\n");
}

// An empty path is the resource's own top level (an extension resource's `publisher` and `type`).
const pathText = (p: string) => (p ? code(p) : "(the resource itself)");

/** A two-column table of an extractor's coverage: `| type | path, path |`. */
function fieldTable(extractor: Extractor): string {
  const rows = extractor.coverage.map(({ type, paths }) => `| ${code(type)} | ${paths.map(pathText).join(", ")} |`);
  return ["| resource type | properties |", "|---|---|", ...rows].join("\n");
}

export function coveragePage(): string {
  return fillTemplate("coverage.md", {
    "ami-table": fieldTable(amiExtractor),
    "container-tables": coverageTables(),
    "aws-marketplace-table": fieldTable(marketplaceListingExtractor),
    "azure-marketplace-table": fieldTable(azureMarketplaceExtractor),
    "azure-extension-table": fieldTable(azureExtensionExtractor),
    "gcp-image-table": fieldTable(gcpImageExtractor),
  });
}
