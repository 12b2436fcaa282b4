import { azureMarketplaceExtractor } from "../../src/extract/azure/azureExtractor";
import { gcpImageExtractor } from "../../src/extract/gcp/gcpExtractor";
import { marketplaceListingExtractor } from "../../src/extract/marketplace/marketplaceExtractor";
import { Extractor } from "../../src/extract/types";
import { UNKNOWN } from "../../src/harness/wireValues";

const extract = (extractor: Extractor, type: string, props: Record<string, unknown>) =>
  extractor.extract({ type, urn: `urn:pulumi:dev::p::${type}::r`, name: "r", props });

describe("AWS listings by ARN", () => {
  const model = (modelPackageName: unknown) => extract(marketplaceListingExtractor, "aws:sagemaker/model:Model", { primaryContainer: { modelPackageName } });

  it("reads the publishing account from a model package ARN", () => {
    const [reference] = model("arn:aws:sagemaker:us-east-1:111122223333:model-package/endpoint-model-v2/3");
    expect(reference).toMatchObject({ kind: "marketplace-arn", path: "primaryContainer.modelPackageName", facts: { awsAccountIds: ["111122223333"] } });
  });

  it("ignores a model package given by name, which lives in the caller's own account", () => {
    expect(model("my-own-package")).toEqual([]);
  });

  it("does not take an algorithm ARN for a model package", () => {
    const [item] = model("arn:aws:sagemaker:us-east-1:111122223333:algorithm/endpoint-algo");
    expect(item).toMatchObject({ kind: "unparseable", expected: "a SageMaker model package name or ARN" });
  });

  it("reports an unknown model package as something that could not be checked", () => {
    expect(model(UNKNOWN)).toEqual([
      { kind: "unknown", path: "primaryContainer.modelPackageName", expected: "marketplace listing ARN", couldMatch: ["awsAccountIds"] },
    ]);
  });

  it("walks every container of a multi-container model", () => {
    const found = extract(marketplaceListingExtractor, "aws:sagemaker/model:Model", {
      containers: [{ image: "x" }, { modelPackageName: "arn:aws:sagemaker:eu-west-1:444455556666:model-package/ti-model" }],
    });
    expect(found.map((f) => f.path)).toEqual(["containers[1].modelPackageName"]);
  });

  it("reads a Serverless Application Repository application's publisher", () => {
    const [reference] = extract(marketplaceListingExtractor, "aws:serverlessrepository/cloudFormationStack:CloudFormationStack", {
      applicationId: "arn:aws:serverlessrepo:us-east-1:111122223333:applications/endpoint-forwarder",
    });
    expect(reference).toMatchObject({ kind: "marketplace-arn", facts: { awsAccountIds: ["111122223333"] } });
  });
});

describe("Azure Marketplace listings", () => {
  const plan = { publisher: "ExampleSecurity", product: "endpoint-protection", name: "byol" };

  it("reports a VM's plan once, not again as its identical image reference", () => {
    const found = extract(azureMarketplaceExtractor, "azure-native:compute:VirtualMachine", {
      plan,
      storageProfile: { imageReference: { publisher: "examplesecurity", offer: "endpoint-protection", sku: "byol", version: "latest" } },
    });
    expect(found).toEqual([
      {
        kind: "azure-plan",
        path: "plan",
        value: "ExampleSecurity:endpoint-protection:byol",
        facts: { azurePublishers: ["ExampleSecurity", "ExampleSecurity:endpoint-protection", "ExampleSecurity:endpoint-protection:byol"] },
      },
    ]);
  });

  it("reads a scale set's image reference under its VM profile", () => {
    const [reference] = extract(azureMarketplaceExtractor, "azure-native:compute:VirtualMachineScaleSet", {
      virtualMachineProfile: { storageProfile: { imageReference: { publisher: "examplesecurity", offer: "threat-intelligence", sku: "collector" } } },
    });
    expect(reference).toMatchObject({
      kind: "azure-image",
      path: "virtualMachineProfile.storageProfile.imageReference",
      value: "examplesecurity:threat-intelligence:collector",
    });
  });

  it("reads the publisher out of a platform image id", () => {
    const [reference] = extract(azureMarketplaceExtractor, "azure:compute/managedDisk:ManagedDisk", {
      imageReferenceId:
        "/Subscriptions/00000000-0000-0000-0000-000000000000/Providers/Microsoft.Compute/Locations/westeurope/Publishers/examplesecurity/ArtifactTypes/VMImage/Offers/endpoint-protection/Skus/byol/Versions/1.0.0",
    });
    expect(reference).toMatchObject({ kind: "azure-image", value: "examplesecurity:endpoint-protection:byol" });
  });

  it("ignores a custom image id, which is the subscription's own", () => {
    const found = extract(azureMarketplaceExtractor, "azure-native:compute:VirtualMachine", {
      storageProfile: {
        imageReference: { id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/images/golden" },
      },
    });
    expect(found).toEqual([]);
  });

  it("reads an accepted agreement's publisher, offer and plan", () => {
    const [reference] = extract(azureMarketplaceExtractor, "azure:marketplace/agreement:Agreement", {
      publisher: "examplesecurity",
      offer: "endpoint-protection",
      plan: "byol",
    });
    expect(reference).toMatchObject({ kind: "azure-plan", path: "publisher", value: "examplesecurity:endpoint-protection:byol" });
  });

  it("reports an unknown plan publisher as something that could not be checked", () => {
    expect(extract(azureMarketplaceExtractor, "azure:compute/linuxVirtualMachine:LinuxVirtualMachine", { plan: { ...plan, publisher: UNKNOWN } })).toEqual([
      { kind: "unknown", path: "plan.publisher", expected: "Azure Marketplace publisher", couldMatch: ["azurePublishers"] },
    ]);
  });
});

describe("GCP images", () => {
  const image = (value: unknown) => extract(gcpImageExtractor, "gcp:compute/instance:Instance", { bootDisk: { initializeParams: { image: value } } });
  const projectOf = (value: string) => {
    const [item] = image(value);
    return item?.kind === "gcp-image" ? item.facts.gcpImageProjects : item?.kind;
  };

  it.each([
    ["projects/examplesecurity-endpoint/global/images/agent-7-2", ["examplesecurity-endpoint"]],
    ["projects/examplesecurity-endpoint/global/images/family/agent", ["examplesecurity-endpoint"]],
    ["https://www.googleapis.com/compute/v1/projects/examplesecurity-endpoint/global/images/agent-7-2", ["examplesecurity-endpoint"]],
    ["https://compute.googleapis.com/compute/beta/projects/examplesecurity-endpoint/global/images/family/agent", ["examplesecurity-endpoint"]],
    ["examplesecurity-endpoint/agent", ["examplesecurity-endpoint"]],
  ])("reads the image project of %s", (value, projects) => {
    expect(projectOf(value)).toEqual(projects);
  });

  it.each(["global/images/golden", "global/images/family/golden", "family/debian-12", "debian-12"])(
    "leaves %s alone: it stays in the provider's own or a Google project",
    (value) => {
      expect(image(value)).toEqual([]);
    },
  );

  it("reports an image it cannot read a project from", () => {
    expect(projectOf("https://example.com/images/agent.tar.gz")).toBe("unparseable");
  });

  it("walks every disk of an instance template", () => {
    const found = extract(gcpImageExtractor, "gcp:compute/instanceTemplate:InstanceTemplate", {
      disks: [{ sourceImage: "debian-cloud/debian-12" }, { sourceImage: "projects/examplesecurity-threatintel/global/images/collector" }],
    });
    expect(found.map((f) => f.path)).toEqual(["disks[0].sourceImage", "disks[1].sourceImage"]);
  });
});
