import * as path from "path";
import * as deserialize from "@pulumi/policy/deserialize";
import { analyzeRequestFor } from "../../src/harness/protoConvert";
import { loadPulumiProtocol } from "../../src/harness/pulumiProtocol";
import { shareDeserializedProperties } from "../../src/sdk/policySdk";
import packageJson from "../../package.json";

type Deserialize = (struct: object, proxySecrets: boolean) => Record<string, unknown>;
const sdk = deserialize as unknown as { deserializeProperties: Deserialize };
const protocol = loadPulumiProtocol(path.resolve(__dirname, "../.."));

const instance = {
  type: "aws:ec2/instance:Instance",
  name: "web",
  urn: "urn:pulumi:dev::shop::aws:ec2/instance:Instance::web",
  properties: { ami: "ami-0123456789abcdef0", tags: { team: "platform" } },
};

/** An AnalyzeRequest as the pack's server receives it: decoded from the bytes the engine sends. */
const receivedRequest = () => protocol.analyzerPb.AnalyzeRequest.deserializeBinary(analyzeRequestFor(protocol, instance).serializeBinary());

describe("every policy of a request reads one property tree", () => {
  const original = sdk.deserializeProperties;
  beforeAll(() => shareDeserializedProperties());
  afterAll(() => {
    sdk.deserializeProperties = original;
  });

  it("a received request hands out one properties Struct however often the SDK asks", () => {
    const request = receivedRequest();
    expect(request.getProperties()).toBe(request.getProperties());
  });

  it("converts a request's properties once, however many policies ask", () => {
    const request = receivedRequest();
    const first = sdk.deserializeProperties(request.getProperties()!, false);
    expect(sdk.deserializeProperties(request.getProperties()!, false)).toBe(first);
    expect(first).toEqual(instance.properties);
  });

  it("converts another request's properties afresh", () => {
    expect(sdk.deserializeProperties(receivedRequest().getProperties()!, false)).not.toBe(sdk.deserializeProperties(receivedRequest().getProperties()!, false));
  });

  it("leaves remediation's secret-proxying conversion to the SDK", () => {
    const request = receivedRequest();
    expect(sdk.deserializeProperties(request.getProperties()!, true)).not.toBe(sdk.deserializeProperties(request.getProperties()!, true));
  });

  it("relies on an SDK internal, so the SDK's version is pinned exactly", () => {
    expect(packageJson.dependencies["@pulumi/policy"]).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
