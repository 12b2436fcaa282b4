import { resource } from "../support/pack";
import { DENY_DATE, KCS_IMAGE, POLICY, dockerHubVendor, levels, properties, useContainerPack } from "./support";

const { pack, configure, analyze } = useContainerPack();

beforeEach(() => configure());

describe("Azure container instances and GCP Cloud Run", () => {
  it.each([
    ["azure-native:containerinstance:ContainerGroup", { osType: "Linux", containers: [{ name: "scan", image: KCS_IMAGE }] }, "containers[0].image"],
    [
      "azure-native:containerinstance:ContainerGroup",
      { osType: "Linux", containers: [{ name: "web", image: "nginx" }], initContainers: [{ name: "init", image: KCS_IMAGE }] },
      "initContainers[0].image",
    ],
    ["azure:containerservice/group:Group", { osType: "Linux", containers: [{ name: "scan", image: KCS_IMAGE, cpu: 1, memory: 1 }] }, "containers[0].image"],
    ["gcp:cloudrunv2/service:Service", { location: "us-central1", template: { containers: [{ image: KCS_IMAGE }] } }, "template.containers[0].image"],
    [
      "gcp:cloudrunv2/job:Job",
      { location: "us-central1", template: { template: { containers: [{ image: KCS_IMAGE }] } } },
      "template.template.containers[0].image",
    ],
    [
      "gcp:cloudrun/service:Service",
      { location: "us-central1", template: { spec: { containers: [{ image: KCS_IMAGE }] } } },
      "template.spec.containers[0].image",
    ],
  ])("blocks a restricted image in %s (%#)", async (type, props, property) => {
    const diagnostics = await analyze(type, props);
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual([property]);
  });

  it("finds a pull command in an Azure container's command", async () => {
    const group = { osType: "Linux", containers: [{ name: "init", image: "docker:27", command: ["sh", "-c", `docker pull ${KCS_IMAGE}`] }] };
    expect(properties(await analyze("azure-native:containerinstance:ContainerGroup", group))).toEqual(["containers[0].command[2]"]);
  });
});

describe("fallback scan of every string property", () => {
  it("finds a restricted image in a provider the pack does not model", async () => {
    const diagnostics = await analyze("acme:containers/app:App", { spec: { runtime: { image: KCS_IMAGE } } });
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual(["spec.runtime.image"]);
    expect(diagnostics[0].message).toContain("found by the scan of all string properties");
  });

  it("finds a restricted image inside a YAML string (kubernetes:yaml/v2:ConfigGroup)", async () => {
    const yaml = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: scanner\nspec:\n  containers:\n    - name: scanner\n      image: "${KCS_IMAGE}"\n`;
    expect(properties(await analyze("kubernetes:yaml/v2:ConfigGroup", { yaml: [yaml] }))).toEqual(["yaml[0]"]);
  });

  it("does not report again, elsewhere in the resource, an image a modelled property already reported", async () => {
    const pod = { metadata: { annotations: { "example.com/original-image": KCS_IMAGE } }, spec: { containers: [{ image: KCS_IMAGE }] } };
    expect(properties(await analyze("kubernetes:core/v1:Pod", pod))).toEqual(["spec.containers[0].image"]);
  });

  it("still reports a different restricted reference elsewhere in a modelled resource", async () => {
    const pod = { metadata: { annotations: { installer: "https://repo.kcs.kaspersky.com/install.sh" } }, spec: { containers: [{ image: "nginx" }] } };
    expect(properties(await analyze("kubernetes:core/v1:Pod", pod))).toEqual(["metadata.annotations.installer"]);
  });

  it.each([
    ["a bare Docker Hub name in prose", { description: "runs kaspersky/scanner nightly" }],
    ["a lookalike host", { endpoint: "https://repo.kcs.kaspersky.com.evil.io/v2/" }],
    ["a file path", { path: "/opt/kaspersky/bin/scan" }],
    ["the vendor's name in a domain of its own", { url: "https://www.kaspersky.com/about" }],
  ])("does not report %s", async (_case, props) => {
    expect(await analyze("acme:misc/thing:Thing", props)).toEqual([]);
  });
});

describe("fallback scan: a string under a key that names an image", () => {
  const HUB_IMAGE = "examplevendor/redis-hardened:7.2";

  it.each([
    [{ image: HUB_IMAGE }, "image"],
    [{ spec: { containerImage: HUB_IMAGE } }, "spec.containerImage"],
    [{ imageName: HUB_IMAGE }, "imageName"],
    [{ imageUri: HUB_IMAGE }, "imageUri"],
    [{ runtime: { image_uri: HUB_IMAGE } }, "runtime.image_uri"],
    [{ imageReference: HUB_IMAGE }, "imageReference"],
    [{ DockerImage: HUB_IMAGE }, "DockerImage"],
    [{ images: ["nginx:1.27", HUB_IMAGE] }, "images[1]"],
  ])("reads a bare Docker Hub name as an image in an unmodelled type (%#)", async (props, property) => {
    const diagnostics = await analyze("acme:apps/service:Service", props);
    expect(levels(diagnostics)).toEqual(["mandatory"]);
    expect(properties(diagnostics)).toEqual([property]);
    expect(diagnostics[0].message).toContain(
      `reference: container image ${HUB_IMAGE} (found by the scan of all string properties; read as docker.io/${HUB_IMAGE})`,
    );
  });

  it.each([
    ["under a key that is not an image key", { notes: HUB_IMAGE }],
    ["in free text under an image key", { imageName: `copy of ${HUB_IMAGE} for tests` }],
    ["under imagePullPolicy", { imagePullPolicy: HUB_IMAGE }],
    ["under imageTag", { imageTag: HUB_IMAGE }],
  ])("does not read a bare name %s", async (_case, props) => {
    expect(await analyze("acme:apps/service:Service", props)).toEqual([]);
  });

  it("still finds a host reference in a value under an image key that is not one reference", async () => {
    expect(properties(await analyze("acme:apps/service:Service", { image: `pull ${KCS_IMAGE} first` }))).toEqual(["image"]);
  });

  describe("with a vendor owning Docker Hub's kaspersky/* namespace", () => {
    const kasperskyHub = { ...dockerHubVendor, id: "kaspersky-hub", identifiers: { imageRepositories: ["docker.io/kaspersky/*"] } };
    beforeEach(() => configure({ additionalVendors: [kasperskyHub] }));

    it("does not read the unrelated kasperskytte/* namespace as the vendor's", async () => {
      expect(await analyze("acme:apps/service:Service", { image: "kasperskytte/scanner:1.0" })).toEqual([]);
    });

    it("blocks the vendor's kaspersky/* image under the same key", async () => {
      expect(properties(await analyze("acme:apps/service:Service", { image: "kaspersky/scanner:1.0" }))).toEqual(["image"]);
    });
  });
});

describe("AWS Marketplace container registry", () => {
  it("leaves an image of the Marketplace registry to the marketplace-listing policy, so it is reported once", async () => {
    const vendor = {
      id: "seller-vendor",
      name: "Seller Vendor",
      legalBasis: [{ title: "t", citation: "c", url: "https://example.com/c" }],
      windows: [{ from: "2024-01-01", action: "deny" }],
      exemptCategories: [],
      identifiers: { marketplaceSellers: ["exampleseller"] },
    };
    const config = { asOf: DENY_DATE, additionalVendors: [vendor] };
    await pack().configure({ [POLICY]: config, "restricted-vendor-marketplace-listing": config });
    const image = "709825985650.dkr.ecr.us-east-1.amazonaws.com/exampleseller/agent:1.0";
    const diagnostics = await pack().analyze(resource("kubernetes:core/v1:Pod", "app", { spec: { containers: [{ image }] } }));
    expect(diagnostics.map((d) => [d.policyName, d.enforcementLevel])).toEqual([["restricted-vendor-marketplace-listing", "mandatory"]]);
  });
});
