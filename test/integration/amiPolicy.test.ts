import { UNKNOWN, secret } from "../../src/harness/wireValues";
import { exampleVendor } from "../support/settings";
import { ofPolicy, resource, usePack } from "../support/pack";

const POLICY = "restricted-vendor-ami";
const INSTANCE = "aws:ec2/instance:Instance";
const RESTRICTED_AMI = "ami-0aaaaaaaaaaaaaaaa";
const pack = usePack({ dryRun: false });

const configure = (props: Record<string, unknown>, level = "mandatory") =>
  pack().configure({ [POLICY]: { enforcementLevel: level, additionalVendors: [exampleVendor], ...props } });

const analyzeInstance = async (properties: Record<string, unknown>, name = "web") =>
  ofPolicy(await pack().analyze(resource(INSTANCE, name, { instanceType: "t3.micro", ...properties })), POLICY);

describe("restricted-vendor-ami through the analyzer protocol", () => {
  it("blocks an instance whose AMI id is listed for a vendor in its deny window", async () => {
    await configure({ asOf: "2025-03-01" });
    const [diagnostic, ...rest] = await analyzeInstance({ ami: RESTRICTED_AMI });
    expect(rest).toEqual([]);
    expect(diagnostic.enforcementLevel).toBe("mandatory");
    expect(diagnostic.message).toMatch(/^Blocked: AMI of restricted vendor example-vendor\./);
  });

  it("names property, reference, vendor, rule, window and remedy in the message", async () => {
    await configure({ asOf: "2025-03-01" });
    const [{ message }] = await analyzeInstance({ ami: RESTRICTED_AMI });
    expect(message).toContain("property:  ami");
    expect(message).toContain(`reference: AMI ${RESTRICTED_AMI}`);
    expect(message).toContain("vendor:    example-vendor: Example Vendor Ltd.");
    expect(message).toContain("rule:      Example restriction, Example Order 1 <https://example.com/order-1>");
    expect(message).toContain("window:    deny since 2025-03-01; next: no later change");
    expect(message).toContain(
      '{"restricted-vendor-ami":{"exemptions":[{"vendor":"example-vendor","urn":"urn:pulumi:dev::example::aws:ec2/instance:Instance::web"',
    );
  });

  it("leaves an instance with an unrelated AMI alone", async () => {
    await configure({ asOf: "2025-03-01" });
    expect(await analyzeInstance({ ami: "ami-0bbbbbbbbbbbbbbbb" })).toEqual([]);
  });

  it("resolves an AMI through the inventory to its owner account", async () => {
    await configure({
      asOf: "2025-03-01",
      amiInventory: { Images: [{ ImageId: "ami-0ccccccccccccccccc".slice(0, 21), OwnerId: "111122223333", Name: "golden" }] },
    });
    const [{ message }] = await analyzeInstance({ ami: "ami-0cccccccccccccccc" });
    expect(message).toContain('(amiInventory: owner 111122223333, name "golden")');
    expect(message).toContain('matched:   AWS account "111122223333"');
  });

  it("does not report an AMI id the inventory does not know (offline mode sees nothing more)", async () => {
    await configure({ asOf: "2025-03-01", amiInventory: { Images: [] } });
    expect(await analyzeInstance({ ami: "ami-0dddddddddddddddd" })).toEqual([]);
  });

  it("resolves through an AMI name pattern", async () => {
    await configure({
      asOf: "2025-03-01",
      amiInventory: { Images: [{ ImageId: "ami-0eeeeeeeeeeeeeeee", OwnerId: "444455556666", Name: "example-endpoint-12.1" }] },
    });
    const [{ message }] = await analyzeInstance({ ami: "ami-0eeeeeeeeeeeeeeee" });
    expect(message).toContain('matched:   AMI name pattern "example-endpoint-*" against "example-endpoint-12.1"');
  });

  it("follows a copy back to the vendor's source image", async () => {
    await configure({
      asOf: "2025-03-01",
      amiInventory: {
        Images: [
          { ImageId: "ami-0fffffffffffffff0", OwnerId: "444455556666", SourceImageId: RESTRICTED_AMI },
          { ImageId: RESTRICTED_AMI, OwnerId: "111122223333" },
        ],
      },
    });
    const [{ message }] = await analyzeInstance({ ami: "ami-0fffffffffffffff0" });
    expect(message).toContain(`copied from ${RESTRICTED_AMI}`);
  });

  it("blocks a copy whose source id the catalog lists, though the inventory lacks the source", async () => {
    await configure({
      asOf: "2025-03-01",
      amiInventory: { Images: [{ ImageId: "ami-0fffffffffffffff0", OwnerId: "999988887777", Name: "my-copy", SourceImageId: RESTRICTED_AMI }] },
    });
    const [diagnostic, ...rest] = await analyzeInstance({ ami: "ami-0fffffffffffffff0" });
    expect(rest).toEqual([]);
    expect(diagnostic.enforcementLevel).toBe("mandatory");
    expect(diagnostic.message).toContain(`copied from ${RESTRICTED_AMI} (not in amiInventory)`);
  });

  it("allows a copy of an unlisted source the inventory lacks", async () => {
    await configure({
      asOf: "2025-03-01",
      amiInventory: { Images: [{ ImageId: "ami-0fffffffffffffff0", OwnerId: "999988887777", Name: "my-copy", SourceImageId: "ami-0bbbbbbbbbbbbbbbb" }] },
    });
    expect(await analyzeInstance({ ami: "ami-0fffffffffffffff0" })).toEqual([]);
  });

  it("blocks an AMI taken from an SSM parameter that the vendor's account owns", async () => {
    await configure({ asOf: "2025-03-01" });
    const [diagnostic] = await analyzeInstance({ ami: "resolve:ssm:arn:aws:ssm:us-east-1:111122223333:parameter/endpoint/latest-ami" });
    expect(diagnostic.enforcementLevel).toBe("mandatory");
    expect(diagnostic.message).toMatch(/^Blocked: AMI from the SSM parameter of restricted vendor example-vendor\./);
  });

  it("says nothing about an AMI from an SSM parameter path, which only AWS resolves", async () => {
    await configure({ asOf: "2025-03-01" });
    expect(await analyzeInstance({ ami: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" })).toEqual([]);
  });

  it("allows a product in an exempt category, and says why", async () => {
    await configure({
      asOf: "2025-03-01",
      amiInventory: { Images: [{ ImageId: "ami-0123456789abcdef0", OwnerId: "444455556666", Name: "example-threatfeed-2" }] },
    });
    const [diagnostic] = await analyzeInstance({ ami: "ami-0123456789abcdef0" });
    expect(diagnostic.enforcementLevel).toBe("advisory");
    expect(diagnostic.message).toMatch(/^Allowed: AMI of restricted vendor example-vendor, in a category its restriction exempts\./);
  });

  it("warns during a warn window", async () => {
    await configure({ asOf: "2025-01-15" });
    const [diagnostic] = await analyzeInstance({ ami: RESTRICTED_AMI });
    expect(diagnostic.enforcementLevel).toBe("advisory");
    expect(diagnostic.message).toContain("window:    warn since 2025-01-01; next: deny-new from 2025-02-01");
  });

  it("warns warnBeforeDays ahead of the first blocking window", async () => {
    await configure({ asOf: "2025-01-10", additionalVendors: [{ ...exampleVendor, windows: exampleVendor.windows.slice(1) }] });
    const [diagnostic] = await analyzeInstance({ ami: RESTRICTED_AMI });
    expect(diagnostic.enforcementLevel).toBe("advisory");
    expect(diagnostic.message).toMatch(/^Upcoming: .* it will be blocked from 2025-02-01\./);
  });

  it("says nothing before the window when the blocking date is further than warnBeforeDays away", async () => {
    await configure({ asOf: "2024-12-20", warnBeforeDays: 7, additionalVendors: [{ ...exampleVendor, windows: exampleVendor.windows.slice(1) }] });
    expect(await analyzeInstance({ ami: RESTRICTED_AMI })).toEqual([]);
  });

  it("lets a grandfathered resource through a deny-new window with an advisory naming its deadline", async () => {
    await configure({ asOf: "2025-02-15", grandfathered: ["*::aws:ec2/instance:Instance::legacy-*"] });
    const [diagnostic] = await analyzeInstance({ ami: RESTRICTED_AMI }, "legacy-1");
    expect(diagnostic.enforcementLevel).toBe("advisory");
    expect(diagnostic.message).toMatch(/^Allowed for now: .*grandfathered until 2025-03-01\./);
  });

  it("blocks a resource that is not grandfathered during deny-new", async () => {
    await configure({ asOf: "2025-02-15", grandfathered: ["*::aws:ec2/instance:Instance::legacy-*"] });
    const [diagnostic] = await analyzeInstance({ ami: RESTRICTED_AMI }, "new-1");
    expect(diagnostic.enforcementLevel).toBe("mandatory");
  });

  it("blocks a grandfathered resource once deny begins", async () => {
    await configure({ asOf: "2025-03-01", grandfathered: ["*::legacy-1"] });
    const [diagnostic] = await analyzeInstance({ ami: RESTRICTED_AMI }, "legacy-1");
    expect(diagnostic.enforcementLevel).toBe("mandatory");
  });

  it("allows an exempted resource with an advisory naming reason and expiry", async () => {
    await configure({ asOf: "2025-03-01", exemptions: [{ vendor: "example-vendor", urn: "*::web", reason: "ticket SEC-1", expires: "2025-04-01" }] });
    const [diagnostic] = await analyzeInstance({ ami: RESTRICTED_AMI });
    expect(diagnostic.enforcementLevel).toBe("advisory");
    expect(diagnostic.message).toMatch(/^Allowed by exemption until 2025-04-01/);
    expect(diagnostic.message).toContain('exemption reason: "ticket SEC-1"');
  });

  it("blocks after an exemption expires and says when it expired", async () => {
    await configure({ asOf: "2025-04-01", exemptions: [{ vendor: "example-vendor", urn: "*::web", reason: "ticket SEC-1", expires: "2025-04-01" }] });
    const [diagnostic] = await analyzeInstance({ ami: RESTRICTED_AMI });
    expect(diagnostic.enforcementLevel).toBe("mandatory");
    expect(diagnostic.message).toContain('exemption: expired on 2025-04-01 (reason was "ticket SEC-1"); it no longer applies');
  });

  it("ignores a vendor listed in disabledVendors", async () => {
    await configure({ asOf: "2025-03-01", disabledVendors: ["example-vendor"] });
    expect(await analyzeInstance({ ami: RESTRICTED_AMI })).toEqual([]);
  });

  it("reads an AMI that arrives as a secret", async () => {
    await configure({ asOf: "2025-03-01" });
    const [diagnostic] = await analyzeInstance({ ami: secret(RESTRICTED_AMI) });
    expect(diagnostic.enforcementLevel).toBe("mandatory");
  });

  it("fails closed on an AMI unknown during preview while a vendor's deny window is active", async () => {
    await configure({ asOf: "2025-03-01" });
    const [diagnostic] = await analyzeInstance({ ami: UNKNOWN });
    expect(diagnostic.enforcementLevel).toBe("mandatory");
    expect(diagnostic.message).toMatch(/^Could not check: the machine image is unknown during preview/);
    expect(diagnostic.message).toContain("vendors:   example-vendor (deny since 2025-03-01)");
  });

  it("only warns about an unknown AMI during a warn window", async () => {
    await configure({ asOf: "2025-01-15" });
    const [diagnostic] = await analyzeInstance({ ami: UNKNOWN });
    expect(diagnostic.enforcementLevel).toBe("advisory");
  });

  it("says nothing about an unknown AMI when no vendor has AMI identifiers", async () => {
    await pack().configure({ [POLICY]: { asOf: "2025-03-01" } });
    expect(await analyzeInstance({ ami: UNKNOWN })).toEqual([]);
  });

  it.each([
    ["aws:ec2/launchTemplate:LaunchTemplate", "imageId", { imageId: RESTRICTED_AMI }],
    ["aws:ec2/launchConfiguration:LaunchConfiguration", "imageId", { imageId: RESTRICTED_AMI }],
    ["aws:ec2/spotInstanceRequest:SpotInstanceRequest", "ami", { ami: RESTRICTED_AMI }],
    [
      "aws:ec2/spotFleetRequest:SpotFleetRequest",
      "launchSpecifications[1].ami",
      { launchSpecifications: [{ ami: "ami-0bbbbbbbbbbbbbbbb" }, { ami: RESTRICTED_AMI }] },
    ],
    ["aws:ec2/amiCopy:AmiCopy", "sourceAmiId", { sourceAmiId: RESTRICTED_AMI, sourceAmiRegion: "us-east-1" }],
    ["aws:imagebuilder/imageRecipe:ImageRecipe", "parentImage", { parentImage: RESTRICTED_AMI }],
    ["aws:imagebuilder/imageRecipe:ImageRecipe", "parentImage", { parentImage: "arn:aws:imagebuilder:us-east-1:111122223333:image/endpoint/1.0.0" }],
    ["aws:emr/cluster:Cluster", "customAmiId", { customAmiId: RESTRICTED_AMI }],
    ["aws:batch/computeEnvironment:ComputeEnvironment", "computeResources.imageId", { computeResources: { imageId: RESTRICTED_AMI } }],
    [
      "aws:batch/computeEnvironment:ComputeEnvironment",
      "computeResources.ec2Configurations[0].imageIdOverride",
      { computeResources: { ec2Configurations: [{ imageIdOverride: RESTRICTED_AMI }] } },
    ],
    ["aws:opsworks/instance:Instance", "amiId", { amiId: RESTRICTED_AMI }],
    ["aws-native:ec2:Instance", "imageId", { imageId: RESTRICTED_AMI }],
    ["aws-native:ec2:LaunchTemplate", "launchTemplateData.imageId", { launchTemplateData: { imageId: RESTRICTED_AMI } }],
    [
      "aws-native:ec2:SpotFleet",
      "spotFleetRequestConfigData.launchSpecifications[0].imageId",
      { spotFleetRequestConfigData: { launchSpecifications: [{ imageId: RESTRICTED_AMI }] } },
    ],
    ["aws-native:autoscaling:LaunchConfiguration", "imageId", { imageId: RESTRICTED_AMI }],
    ["aws-native:imagebuilder:ImageRecipe", "parentImage", { parentImage: RESTRICTED_AMI }],
    ["aws-native:emr:Cluster", "customAmiId", { customAmiId: RESTRICTED_AMI }],
    [
      "aws-native:batch:ComputeEnvironment",
      "computeResources.ec2Configuration[0].imageIdOverride",
      { computeResources: { ec2Configuration: [{ imageIdOverride: RESTRICTED_AMI }] } },
    ],
  ])("finds the AMI in %s at %s", async (type, path, properties) => {
    await configure({ asOf: "2025-03-01" });
    const diagnostics = ofPolicy(await pack().analyze(resource(type, "r", properties)), POLICY);
    expect(diagnostics.map((d) => d.message.split("\n")[1])).toEqual([`  property:  ${path}`]);
  });

  it("reports a value in an AMI field that is neither an AMI id, an ARN nor an SSM parameter", async () => {
    await configure({ asOf: "2025-03-01" });
    const [diagnostic] = await analyzeInstance({ ami: "ubuntu-22.04" });
    expect(diagnostic.message).toMatch(/^Could not check: the value is not an AMI id/);
  });

  it("does not report an SSM parameter, which only AWS resolves at deploy time", async () => {
    await configure({ asOf: "2025-03-01" });
    expect(await analyzeInstance({ ami: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" })).toEqual([]);
  });
});
