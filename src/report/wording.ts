import { ReferenceKind } from "../extract/types";
import { IdentifierKey, perFamily } from "../catalog/identifierFamilies";

export const KIND_LABEL: Record<ReferenceKind, string> = {
  ami: "AMI",
  "image-builder-image": "Image Builder image",
  "ssm-parameter": "AMI from the SSM parameter",
  "container-image": "container image",
  "image-in-text": "container image reference in text",
  "helm-chart": "Helm chart",
  "marketplace-arn": "marketplace listing",
  "azure-image": "Azure Marketplace image",
  "azure-plan": "Azure Marketplace plan",
  "gcp-image": "GCP image",
  "software-download": "software download",
  "azure-extension": "Azure VM extension",
};

export const KIND_REPLACEMENT: Record<ReferenceKind, string> = {
  ami: "Replace the AMI with one from a vendor that is not restricted",
  "image-builder-image": "Build from a parent image of a vendor that is not restricted",
  "ssm-parameter": "Take the AMI from a parameter (or an AMI id) of a vendor that is not restricted",
  "container-image": "Replace the image with one from a vendor that is not restricted",
  "image-in-text": "Remove the command that pulls or installs from the restricted source, or point it at an allowed image",
  "helm-chart": "Replace the chart with one from a vendor that is not restricted",
  "marketplace-arn": "Replace the listing with one from a vendor that is not restricted",
  "azure-image": "Replace the image with one from a publisher that is not restricted",
  "azure-plan": "Replace the plan with one from a publisher that is not restricted",
  "gcp-image": "Replace the boot image with one from an image project that is not restricted",
  "software-download": "Remove the command that downloads or installs the restricted vendor's software",
  "azure-extension": "Remove the extension, or replace it with one from a publisher that is not restricted",
};

export const IDENTIFIER_LABEL: Record<IdentifierKey, string> = perFamily((family) => family.label);
