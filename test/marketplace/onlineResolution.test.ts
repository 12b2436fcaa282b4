import { CopyImageCommand, EC2Client } from "@aws-sdk/client-ec2";
import { PackProcess, startPack } from "../../src/harness/packProcess";
import { AnalyzedResource } from "../../src/harness/types";
import { REPO_ROOT, ofPolicy, resource } from "../support/pack";
import { describeWithMoto, useMoto } from "./support/moto";
import { AMI_POLICY, EP_ACCOUNT, EP_PRODUCT_CODE, MARKETPLACE_POLICY, bothPolicies } from "./support/vendors";

// Seeded by scripts/moto/seed-images.json.
const VENDOR_AMI = "ami-0a11111111111111a";
const MARKETPLACE_EP_AMI = "ami-0b22222222222222b";
const MARKETPLACE_TI_AMI = "ami-0c33333333333333c";
const ORG_COPY_AMI = "ami-0d44444444444444d";
const UNRELATED_AMI = "ami-0e55555555555555e";

const credentials = { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" };

describeWithMoto('amiResolution "aws": EC2 DescribeImages against moto', () => {
  const moto = useMoto();
  let pack: PackProcess;
  let copyInEuWest1: string;

  beforeAll(async () => {
    pack = await startPack(REPO_ROOT, {
      dryRun: false,
      env: { ...credentials, AWS_ENDPOINT_URL_EC2: moto(), AWS_REGION: "us-east-1", AWS_EC2_METADATA_DISABLED: "true" },
    });
    const ec2 = new EC2Client({ region: "eu-west-1", endpoint: moto(), credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
    copyInEuWest1 = (await ec2.send(new CopyImageCommand({ SourceImageId: VENDOR_AMI, SourceRegion: "us-east-1", Name: "golden-eu" }))).ImageId!;
  });
  afterAll(() => pack?.stop());

  const configure = (properties: Record<string, unknown> = {}) => pack.configure(bothPolicies({ asOf: "2025-03-01", amiResolution: "aws", ...properties }));

  const awsProvider = (region: string) => ({
    type: "pulumi:providers:aws",
    name: `aws-${region}`,
    urn: `urn:pulumi:dev::example::pulumi:providers:aws::aws-${region}`,
    properties: { region },
  });

  const analyze = async (ami: string, extra: Partial<AnalyzedResource> = {}) => {
    const diagnostics = await pack.analyze(resource("aws:ec2/instance:Instance", "web", { ami, instanceType: "t3.micro" }, extra));
    return { listing: ofPolicy(diagnostics, MARKETPLACE_POLICY), ami: ofPolicy(diagnostics, AMI_POLICY) };
  };

  it("resolves an AMI the inventory does not hold to the AWS Marketplace image of the vendor's endpoint-protection product", async () => {
    await configure();
    const { listing, ami } = await analyze(MARKETPLACE_EP_AMI);
    expect(ami).toEqual([]);
    expect(listing.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(listing[0].message).toContain(
      `(EC2 DescribeImages in us-east-1: owner aws-marketplace (679593333241), name "examplevendor-endpoint-protection-marketplace-7.2", product code ${EP_PRODUCT_CODE})`,
    );
  });

  it("allows the vendor's threat-intelligence Marketplace image it resolves", async () => {
    await configure();
    const { listing } = await analyze(MARKETPLACE_TI_AMI);
    expect(listing.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
    expect(listing[0].message).toContain("category threat-intelligence");
  });

  it("resolves an image the vendor's own account publishes to its owner", async () => {
    await configure();
    const { ami } = await analyze(VENDOR_AMI);
    expect(ami.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(ami[0].message).toContain(`matched:   AWS account "${EP_ACCOUNT}"`);
  });

  it("follows the source image that DescribeImages reports for the organisation's copy", async () => {
    await configure();
    const { ami } = await analyze(ORG_COPY_AMI);
    expect(ami.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(ami[0].message).toContain(`copied from ${VENDOR_AMI}: owner ${EP_ACCOUNT}`);
  });

  it("looks up the source of a copy the inventory holds, when the inventory lacks the source", async () => {
    await configure({ amiInventory: { Images: [{ ImageId: "ami-0f66666666666666f", OwnerId: "123456789012", Name: "golden", SourceImageId: VENDOR_AMI }] } });
    const { ami } = await analyze("ami-0f66666666666666f");
    expect(ami.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(ami[0].message).toContain(`copied from ${VENDOR_AMI}: owner ${EP_ACCOUNT}`);
  });

  it("treats a copy whose source cannot be looked up as unverified", async () => {
    await configure({
      amiInventory: { Images: [{ ImageId: "ami-0f77777777777777f", OwnerId: "123456789012", Name: "golden", SourceImageId: "ami-0f88888888888888f" }] },
    });
    const { ami } = await analyze("ami-0f77777777777777f");
    expect(ami.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(ami[0].message).toMatch(/^Could not check: AMI ami-0f77777777777777f could not be looked up/);
    expect(ami[0].message).toContain(
      "lookup:    ami-0f77777777777777f is a copy of ami-0f88888888888888f, which could not be looked up: EC2 DescribeImages in us-east-1 does not know it",
    );
  });

  it("looks the AMI up in the region of the resource's provider", async () => {
    await configure();
    const { ami } = await analyze(copyInEuWest1, { provider: awsProvider("eu-west-1") });
    expect(ami.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(ami[0].message).toContain(`EC2 DescribeImages in eu-west-1: owner 123456789012`);
    expect(ami[0].message).toContain(`copied from ${VENDOR_AMI}`);
  });

  it("treats an AMI the region does not know as unverified once the vendor's deny window is active", async () => {
    await configure();
    const { ami, listing } = await analyze(copyInEuWest1, { provider: awsProvider("us-east-1") });
    expect(listing).toEqual([]);
    expect(ami.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(ami[0].message).toMatch(new RegExp(`^Could not check: AMI ${copyInEuWest1} could not be looked up`));
    expect(ami[0].message).toContain("lookup:    EC2 DescribeImages in us-east-1 does not know it");
    expect(ami[0].message).toContain("vendors:   example-security (deny since 2025-03-01)");
  });

  it("passes an unrelated publisher's image", async () => {
    await configure();
    const { ami, listing } = await analyze(UNRELATED_AMI);
    expect([...ami, ...listing]).toEqual([]);
  });

  it("prefers the configured inventory over EC2", async () => {
    await configure({ amiInventory: { Images: [{ ImageId: UNRELATED_AMI, OwnerId: EP_ACCOUNT, Name: "inventory-says-vendor" }] } });
    const { ami } = await analyze(UNRELATED_AMI);
    expect(ami[0].message).toContain('(amiInventory: owner 111122223333, name "inventory-says-vendor")');
  });

  it("sees nothing beyond the inventory when amiResolution is offline", async () => {
    await configure({ amiResolution: "offline" });
    const { ami, listing } = await analyze(MARKETPLACE_EP_AMI);
    expect([...ami, ...listing]).toEqual([]);
  });
});
