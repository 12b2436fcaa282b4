import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as sdkProxy from "@pulumi/policy/proxy";
import { parseFindingFields } from "../../src/cli/findingFields";
import { PackProcess, startPack } from "../../src/harness/packProcess";
import { UNKNOWN } from "../../src/harness/wireValues";
import { rawProperties } from "../../src/sdk/policySdk";
import { exampleVendor } from "../support/settings";
import { REPO_ROOT, ofPolicy, resource } from "../support/pack";

/*
 * The pack relies on things @pulumi/policy does not document (src/sdk/policySdk.ts). Each is held here to
 * the real pack process, started as the Pulumi CLI starts it, with test/support/sdkProbe.js preloaded to watch
 * the SDK from outside.
 */

// Internal to the SDK, so missing from its typings: the proxy every policy's props arrive in.
const { unknownCheckingProxy } = sdkProxy as unknown as { unknownCheckingProxy: (props: object) => Record<string, unknown> };

const AMI_POLICY = "restricted-vendor-ami";
const PROBE = path.join(__dirname, "..", "support", "sdkProbe.js");
const blockedInstance = resource("aws:ec2/instance:Instance", "web", { ami: "ami-0aaaaaaaaaaaaaaaa" });
const config = (asOf: string) => ({ [AMI_POLICY]: { enforcementLevel: "mandatory", asOf, additionalVendors: [exampleVendor] } });

function useProbedPack(env: NodeJS.ProcessEnv): () => PackProcess {
  let pack: PackProcess | undefined;
  beforeAll(async () => {
    pack = await startPack(REPO_ROOT, { dryRun: false, env: { NODE_OPTIONS: `--require ${PROBE}`, ...env } });
  });
  afterAll(async () => {
    await pack?.stop();
  });
  return () => pack!;
}

describe("properties are converted once per request, however many policies read them", () => {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sdk-contract-")), "conversions");
  const pack = useProbedPack({ SDK_PROBE_CONVERSIONS: log });
  const conversionsDuring = async (request: () => Promise<unknown>) => {
    const before = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").length : 1;
    await request();
    return fs.readFileSync(log, "utf8").split("\n").length - before;
  };
  beforeAll(() => pack().configure(config("2025-03-01")));

  it("converts a resource's properties once for the three policies of an Analyze", async () => {
    expect((await pack().info()).policies).toHaveLength(3);
    expect(await conversionsDuring(() => pack().analyze(blockedInstance))).toBe(1);
  });

  it("converts its provider's properties once as well", async () => {
    const provider = {
      type: "pulumi:providers:aws",
      name: "eu",
      urn: "urn:pulumi:dev::example::pulumi:providers:aws::eu",
      properties: { region: "eu-west-1" },
    };
    expect(await conversionsDuring(() => pack().analyze({ ...blockedInstance, provider }))).toBe(2);
  });

  it("converts each resource's properties once for the three policies of an AnalyzeStack", async () => {
    const other = resource("aws:s3/bucket:Bucket", "logs", { bucket: "logs" });
    expect(await conversionsDuring(() => pack().analyzeStack([blockedInstance, other]))).toBe(2);
  });
});

describe("a changed conversion is left unpatched, with one warning, and the pack still blocks", () => {
  const pack = useProbedPack({ SDK_PROBE_PROXIED_CONVERSIONS: "1" });
  beforeAll(() => pack().configure(config("2025-03-01")));

  it("blocks the restricted AMI", async () => {
    expect(ofPolicy(await pack().analyze(blockedInstance), AMI_POLICY).map((d) => [d.enforcementLevel, parseFindingFields(d.message).outcome])).toEqual([
      ["mandatory", "blocked"],
    ]);
  });

  it("says once that deserializeProperties is not what the pack was built against", async () => {
    await pack().analyze(blockedInstance);
    expect(
      pack()
        .stderr()
        .match(/@pulumi\/policy's deserializeProperties is not what this pack was built against/g),
    ).toHaveLength(1);
  });
});

describe("a changed Analyze deserializer is left in place, with one warning, and the pack still blocks", () => {
  const pack = useProbedPack({ SDK_PROBE_CHANGED_ANALYZE_DESERIALIZER: "1" });
  beforeAll(() => pack().configure(config("2025-03-01")));

  it("blocks the restricted AMI", async () => {
    expect(ofPolicy(await pack().analyze(blockedInstance), AMI_POLICY).map((d) => [d.enforcementLevel, parseFindingFields(d.message).outcome])).toEqual([
      ["mandatory", "blocked"],
    ]);
  });

  it("says once that the Analyze deserializer is not what the pack was built against, and nothing about the others", async () => {
    await pack().analyze(blockedInstance);
    expect(
      pack()
        .stderr()
        .match(/@pulumi\/policy's \w+ deserializer is not what this pack was built against[^\n]*/g),
    ).toEqual([
      "@pulumi/policy's Analyze deserializer is not what this pack was built against (a probe request reads differently); each resource is decoded by google-protobuf, which is slower and reads the same.",
    ]);
  });
});

describe("an unknown value is read through the raw view as the sentinel, not a throw", () => {
  it("reads the sentinel behind the SDK's unknown-checking proxy, nested values included", () => {
    const props = unknownCheckingProxy({ ami: UNKNOWN, launchTemplate: { imageId: UNKNOWN } });
    expect(() => props.ami).toThrow();
    expect(rawProperties(props)).toEqual({ ami: UNKNOWN, launchTemplate: { imageId: UNKNOWN } });
  });

  it("reads the sentinel through a proxy that no longer hands out its target", () => {
    const props = new Proxy({ ami: UNKNOWN } as Record<string, unknown>, {
      get: () => {
        throw new Error("unknown value");
      },
    });
    expect(rawProperties(props)).toEqual({ ami: UNKNOWN });
  });

  describe("in the pack, during an update", () => {
    const pack = useProbedPack({});
    beforeAll(() => pack().configure(config("2025-03-01")));

    it("reports the pack's own unchecked finding, and nothing from the SDK about an unknown value", async () => {
      const provider = { type: "pulumi:providers:aws", name: "eu", urn: "urn:pulumi:dev::example::pulumi:providers:aws::eu", properties: { region: UNKNOWN } };
      const diagnostics = await pack().analyze({ ...resource("aws:ec2/instance:Instance", "web", { ami: UNKNOWN }), provider });
      expect(diagnostics.map((d) => [d.policyName, d.enforcementLevel, parseFindingFields(d.message).outcome])).toEqual([
        [AMI_POLICY, "mandatory", "unchecked"],
      ]);
    });
  });
});

describe("the object form of reportViolation keeps a finding's level", () => {
  const pack = useProbedPack({});

  it("keeps a mandatory finding at the policy's level", async () => {
    await pack().configure(config("2025-03-01"));
    expect(ofPolicy(await pack().analyze(blockedInstance), AMI_POLICY).map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
  });

  it("keeps an advisory finding advisory under a mandatory policy, with the message as the pack wrote it", async () => {
    await pack().configure(config("2025-01-15"));
    const [diagnostic] = ofPolicy(await pack().analyze(blockedInstance), AMI_POLICY);
    expect([diagnostic.enforcementLevel, parseFindingFields(diagnostic.message).outcome]).toEqual(["advisory", "warning"]);
  });
});
