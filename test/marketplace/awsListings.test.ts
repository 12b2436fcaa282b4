import { UNKNOWN } from "../../src/harness/wireValues";
import { ofPolicy, resource, usePack } from "../support/pack";
import { AMI_POLICY, EP_ACCOUNT, EP_PRODUCT_CODE, MARKETPLACE_POLICY, TI_ACCOUNT, TI_PRODUCT_CODE, bothPolicies, securityVendor } from "./support/vendors";

const INSTANCE = "aws:ec2/instance:Instance";
const pack = usePack({ dryRun: false });

// describe-images output as `aws ec2 describe-images` prints it: two Marketplace images of one vendor.
const inventory = {
  Images: [
    {
      ImageId: "ami-0b22222222222222b",
      OwnerId: "679593333241",
      ImageOwnerAlias: "aws-marketplace",
      ProductCodes: [{ ProductCodeId: EP_PRODUCT_CODE, ProductCodeType: "marketplace" }],
    },
    {
      ImageId: "ami-0c33333333333333c",
      OwnerId: "679593333241",
      ImageOwnerAlias: "aws-marketplace",
      ProductCodes: [{ ProductCodeId: TI_PRODUCT_CODE, ProductCodeType: "marketplace" }],
    },
  ],
};

const configure = (properties: Record<string, unknown> = {}) => pack().configure(bothPolicies({ asOf: "2025-03-01", amiInventory: inventory, ...properties }));

const analyze = async (type: string, properties: Record<string, unknown>) => {
  const diagnostics = await pack().analyze(resource(type, "r", properties));
  return { listing: ofPolicy(diagnostics, MARKETPLACE_POLICY), ami: ofPolicy(diagnostics, AMI_POLICY) };
};

const modelPackage = (account: string) => `arn:aws:sagemaker:us-east-1:${account}:model-package/example-model-v2/1`;

describe("restricted-vendor-marketplace-listing: AWS", () => {
  it("blocks a Marketplace AMI whose product code is the vendor's endpoint-protection product, and only this policy reports it", async () => {
    await configure();
    const { listing, ami } = await analyze(INSTANCE, { ami: "ami-0b22222222222222b" });
    expect(ami).toEqual([]);
    expect(listing).toHaveLength(1);
    expect(listing[0].enforcementLevel).toBe("mandatory");
    expect(listing[0].message).toMatch(/^Blocked: AMI of restricted vendor example-security\./);
    expect(listing[0].message).toContain(
      `matched:   AWS Marketplace product code "${EP_PRODUCT_CODE}" (product Example Endpoint Protection, category endpoint-protection)`,
    );
  });

  it("allows the same vendor's threat-intelligence Marketplace AMI and says why", async () => {
    await configure();
    const { listing } = await analyze(INSTANCE, { ami: "ami-0c33333333333333c" });
    expect(listing.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
    expect(listing[0].message).toMatch(/^Allowed: AMI of restricted vendor example-security, in a category its restriction exempts\./);
    expect(listing[0].message).toContain("action:    none; exempt categories of this restriction: threat-intelligence");
  });

  it("leaves unknown AMI values to the AMI policy, so that they are reported once", async () => {
    await configure();
    const { listing, ami } = await analyze(INSTANCE, { ami: UNKNOWN });
    expect(listing).toEqual([]);
    expect(ami).toHaveLength(1);
  });

  it("fails closed on an Image Builder recipe built from a Marketplace product ID, which names no seller", async () => {
    await configure();
    const { ami, listing } = await analyze("aws:imagebuilder/imageRecipe:ImageRecipe", {
      name: "hardened",
      version: "1.0.0",
      parentImage: "prod-abcdefghijklm",
    });
    expect(listing).toEqual([]);
    expect(ami.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(ami[0].message).toMatch(/^Could not check: AWS Marketplace product prod-abcdefghijklm names no vendor the pack can see/);
    expect(ami[0].message).toContain("action:    Use the product's AMI id instead");
  });

  it("fails closed on a launch template whose AMI is AWS Marketplace's public SSM parameter of a product", async () => {
    await configure();
    const { ami } = await analyze("aws:ec2/launchTemplate:LaunchTemplate", { imageId: "resolve:ssm:/aws/service/marketplace/prod-abcdefghijklm/latest" });
    expect(ami.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(ami[0].message).toMatch(
      /^Could not check: AWS Marketplace product resolve:ssm:\/aws\/service\/marketplace\/prod-abcdefghijklm\/latest names no vendor/,
    );
  });

  it("only warns about a Marketplace product ID during the vendor's warn window", async () => {
    await configure({ asOf: "2025-01-15" });
    const { ami } = await analyze("aws:imagebuilder/imageRecipe:ImageRecipe", { name: "hardened", version: "1.0.0", parentImage: "prod-abcdefghijklm" });
    expect(ami.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
  });

  it("blocks a SageMaker model built from the vendor's endpoint-protection model package", async () => {
    await configure();
    const { listing } = await analyze("aws:sagemaker/model:Model", {
      executionRoleArn: "arn:aws:iam::777788889999:role/sm",
      primaryContainer: { modelPackageName: modelPackage(EP_ACCOUNT) },
    });
    expect(listing.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(listing[0].message).toContain(`reference: marketplace listing ${modelPackage(EP_ACCOUNT)} (published from account ${EP_ACCOUNT})`);
  });

  it("allows a SageMaker model built from the vendor's threat-intelligence model package", async () => {
    await configure();
    const { listing } = await analyze("aws-native:sagemaker:Model", { containers: [{ modelPackageName: modelPackage(TI_ACCOUNT) }] });
    expect(listing.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
    expect(listing[0].message).toContain("category threat-intelligence");
  });

  it("ignores a model package of the organisation's own account, given by name", async () => {
    await configure();
    expect((await analyze("aws:sagemaker/model:Model", { primaryContainer: { modelPackageName: "fraud-model" } })).listing).toEqual([]);
  });

  it.each([
    [
      "aws:sagemaker/trainingJob:TrainingJob",
      "algorithmSpecification.algorithmName",
      { algorithmSpecification: { algorithmName: `arn:aws:sagemaker:us-east-1:${EP_ACCOUNT}:algorithm/endpoint-anomaly` } },
    ],
    [
      "aws:sagemaker/hyperParameterTuningJob:HyperParameterTuningJob",
      "trainingJobDefinitions[0].algorithmSpecification.algorithmName",
      { trainingJobDefinitions: [{ algorithmSpecification: { algorithmName: `arn:aws:sagemaker:us-east-1:${EP_ACCOUNT}:algorithm/endpoint-anomaly` } }] },
    ],
    [
      "aws-native:sagemaker:ModelPackage",
      "sourceAlgorithmSpecification.sourceAlgorithms[0].algorithmName",
      { sourceAlgorithmSpecification: { sourceAlgorithms: [{ algorithmName: `arn:aws:sagemaker:us-east-1:${EP_ACCOUNT}:algorithm/endpoint-anomaly` }] } },
    ],
    [
      "aws:serverlessrepository/cloudFormationStack:CloudFormationStack",
      "applicationId",
      { applicationId: `arn:aws:serverlessrepo:us-east-1:${EP_ACCOUNT}:applications/endpoint-log-forwarder` },
    ],
  ])("blocks the vendor's listing in %s at %s", async (type, path, properties) => {
    await configure();
    const { listing } = await analyze(type, properties);
    expect(listing.map((d) => [d.enforcementLevel, d.message.split("\n")[1]])).toEqual([["mandatory", `  property:  ${path}`]]);
  });

  it("fails closed on a model package unknown during preview once the deny window is active", async () => {
    await configure();
    const { listing } = await analyze("aws:sagemaker/model:Model", { primaryContainer: { modelPackageName: UNKNOWN } });
    expect(listing.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(listing[0].message).toMatch(/^Could not check: the marketplace listing ARN is unknown during preview/);
  });

  it("only warns about the vendor's listing during its warn window", async () => {
    await configure({ asOf: "2025-01-15" });
    const { listing } = await analyze("aws:serverlessrepository/cloudFormationStack:CloudFormationStack", {
      applicationId: `arn:aws:serverlessrepo:us-east-1:${EP_ACCOUNT}:applications/x`,
    });
    expect(listing.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
  });
});

describe("restricted-vendor-marketplace-listing: AWS Marketplace container images", () => {
  const CONTAINER_POLICY = "restricted-vendor-container-image";
  const REGISTRY = "709825985650.dkr.ecr.us-east-1.amazonaws.com";
  const sellerVendor = {
    ...securityVendor,
    products: [
      {
        name: "Example Endpoint Sensor",
        category: "endpoint-protection",
        identifiers: { imageRepositories: [`${REGISTRY}/example-security/endpoint-sensor`] },
      },
      { name: "Example Threat Feed", category: "threat-intelligence", identifiers: { imageRepositories: [`${REGISTRY}/example-security/threat-feed`] } },
    ],
  };
  const taskDefinition = (image: string) =>
    resource("aws:ecs/taskDefinition:TaskDefinition", "svc", {
      family: "svc",
      containerDefinitions: JSON.stringify([{ name: "app", image, essential: true }]),
    });

  beforeEach(() =>
    pack().configure({
      [MARKETPLACE_POLICY]: { enforcementLevel: "mandatory", asOf: "2025-03-01", additionalVendors: [sellerVendor] },
      [CONTAINER_POLICY]: { enforcementLevel: "mandatory", asOf: "2025-03-01", additionalVendors: [sellerVendor] },
    }),
  );

  it("blocks the vendor's endpoint image from the Marketplace registry, reported by this policy alone", async () => {
    const diagnostics = await pack().analyze(taskDefinition(`${REGISTRY}/example-security/endpoint-sensor:7.2`));
    expect(ofPolicy(diagnostics, CONTAINER_POLICY)).toEqual([]);
    const listing = ofPolicy(diagnostics, MARKETPLACE_POLICY);
    expect(listing.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(listing[0].message).toContain("category endpoint-protection");
  });

  it("allows the same seller's threat-intelligence image and says why", async () => {
    const listing = ofPolicy(await pack().analyze(taskDefinition(`${REGISTRY}/example-security/threat-feed:2.0`)), MARKETPLACE_POLICY);
    expect(listing.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
    expect(listing[0].message).toContain("category threat-intelligence");
  });
});
