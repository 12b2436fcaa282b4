import { isDeepStrictEqual } from "util";
import fc from "fast-check";
import { analyzeRequestFor, analyzerResourceFor } from "../../src/harness/protoConvert";
import { loadPulumiProtocol } from "../../src/harness/pulumiProtocol";
import type { AnalyzedResource } from "../../src/harness/types";
import { UNKNOWN, secret, urnFor } from "../../src/harness/wireValues";
import { analyzeDecoder, analyzeStackDecoder, decodeAnalyzeRequests, messageShapeProblem } from "../../src/sdk/decodeAnalyzeRequests";
import { sdkMessages } from "../../src/sdk/directDecoding";
import { WireReader, mirrored, structValue } from "../../src/sdk/structWire";
import { instance } from "../support/analyzedResources";

const protocol = loadPulumiProtocol(__dirname);
const sdk = sdkMessages();
const { analyzerPb, structPb } = protocol;

const analyzeBytes = (r: AnalyzedResource) => Buffer.from(analyzeRequestFor(protocol, r).serializeBinary());
// Protobuf wire pieces, for requests google-protobuf would never write but another client may send.
const varint = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...varint(Math.floor(n / 128))]);
const delimited = (field: number, payload: Buffer) => Buffer.concat([Buffer.from([...varint(field * 8 + 2), ...varint(payload.length)]), payload]);
const stackBytes = (resources: AnalyzedResource[]) => {
  const request = new analyzerPb.AnalyzeStackRequest();
  request.setResourcesList(resources.map((r) => analyzerResourceFor(protocol, r)));
  return Buffer.from(request.serializeBinary());
};

/** What the SDK reads from an Analyze request decoded directly, and from the same bytes decoded by google-protobuf. */
const analyzeReads = (bytes: Buffer) => {
  const direct = analyzeDecoder.decode(bytes, sdk);
  return { direct: direct && analyzeDecoder.read(direct), google: analyzeDecoder.read(analyzerPb.AnalyzeRequest.deserializeBinary(bytes)) };
};
const stackReads = (bytes: Buffer) => {
  const direct = analyzeStackDecoder.decode(bytes, sdk);
  return { direct: direct && analyzeStackDecoder.read(direct), google: analyzeStackDecoder.read(analyzerPb.AnalyzeStackRequest.deserializeBinary(bytes)) };
};

const parent = urnFor("pulumi:pulumi:Stack", "shop-dev");
const provider = {
  type: "pulumi:providers:aws",
  name: "eu",
  urn: urnFor("pulumi:providers:aws", "eu"),
  properties: { region: "eu-west-1", accessKey: secret("AKIAEXAMPLE"), version: "7.48.0" },
};

/** The shapes the engine sends: secrets, unknowns, JSON inside strings, every number, empty containers. */
const realShapes = {
  ami: "ami-0123456789abcdef0",
  subnetId: UNKNOWN,
  userData: secret("#!/bin/bash\ndocker run registry.example/agent:1\n"),
  containerDefinitions: JSON.stringify([{ name: "app", image: "registry.example/app:1", environment: [] }]),
  tags: { team: "platform", "": "empty key", "10": "numeric key", unicode: "Лаборатория 😀" },
  cpuOptions: { coreCount: 2, threadsPerCore: 1.5, negativeZero: -0, big: 2 ** 60, tiny: 5e-324 },
  ebsOptimized: false,
  monitoring: true,
  placementGroup: null,
  securityGroups: [],
  metadataOptions: {},
  blockDevices: [[], [{ volumeSize: 8, encrypted: secret(true) }], [UNKNOWN]],
};

describe("an Analyze request read straight from its bytes", () => {
  it("reads through every getter the SDK calls as google-protobuf's decoding does", () => {
    const { direct, google } = analyzeReads(analyzeBytes(instance("web", realShapes, { provider, parent })));
    expect(direct).toEqual(google);
    expect(isDeepStrictEqual(direct, google)).toBe(true);
  });

  it("reads a request without a provider as having none", () => {
    const { direct, google } = analyzeReads(analyzeBytes(instance("web", { ami: "ami-0123456789abcdef0" })));
    expect(direct).toHaveProperty("provider", undefined);
    expect(isDeepStrictEqual(direct, google)).toBe(true);
  });

  it("skips a field the SDK's message does not define, as google-protobuf does, so a newer engine keeps the fast path", () => {
    const fieldSevenVarint = Buffer.from([0x38, 0x05]);
    const { direct, google } = analyzeReads(
      Buffer.concat([analyzeBytes(instance("web", realShapes, { provider })), fieldSevenVarint, delimited(12, Buffer.from("x"))]),
    );
    expect(direct).toBeDefined();
    expect(isDeepStrictEqual(direct, google)).toBe(true);
  });

  it("leaves a known field with the wrong wire type to google-protobuf", () => {
    const typeAsVarint = Buffer.from([0x08, 0x05]);
    expect(analyzeDecoder.decode(Buffer.concat([analyzeBytes(instance("web", realShapes)), typeAsVarint]), sdk)).toBeUndefined();
  });

  it("leaves a type that is not valid UTF-8 to google-protobuf", () => {
    expect(analyzeDecoder.decode(Buffer.from([0x0a, 0x02, 0xc3, 0x28]), sdk)).toBeUndefined();
  });

  it("leaves truncated bytes to google-protobuf", () => {
    const bytes = analyzeBytes(instance("web", realShapes, { provider }));
    expect(analyzeDecoder.decode(bytes.subarray(0, bytes.length - 3), sdk)).toBeUndefined();
  });

  it("decodes properties only when they are converted, and then fails as google-protobuf's conversion does", () => {
    const entryWithoutKind = delimited(1, Buffer.concat([delimited(1, Buffer.from("ami")), delimited(2, Buffer.alloc(0))]));
    const bytes = delimited(2, entryWithoutKind);
    const request = analyzeDecoder.decode(bytes, sdk)!;
    expect(request).toBeDefined();
    expect(() => request.getProperties()!.toJavaScript()).toThrow("Unexpected struct type");
    expect(() => analyzerPb.AnalyzeRequest.deserializeBinary(bytes).getProperties()!.toJavaScript()).toThrow("Unexpected struct type");
  });
});

describe("an AnalyzeStack request read straight from its bytes", () => {
  const web = instance("web", realShapes, {
    provider,
    parent,
    dependencies: [parent, urnFor("aws:ec2/subnet:Subnet", "a")],
    propertyDependencies: { subnetId: [urnFor("aws:ec2/subnet:Subnet", "a")], ami: [parent, urnFor("aws:ec2/ami:Ami", "b")] },
  });

  it("reads every resource, its parent, dependencies and property dependencies as google-protobuf's decoding does", () => {
    const { direct, google } = stackReads(stackBytes([web, instance("db", { ami: UNKNOWN })]));
    expect(direct).toEqual(google);
    expect(isDeepStrictEqual(direct, google)).toBe(true);
  });

  it("gives resources with the same provider one provider message, so that its properties are converted once", () => {
    const other = { ...provider, name: "us", urn: urnFor("pulumi:providers:aws", "us"), properties: { region: "us-east-1" } };
    const [first, second, third] = analyzeStackDecoder
      .decode(stackBytes([web, instance("db", { ami: UNKNOWN }, { provider }), instance("cache", {}, { provider: other })]), sdk)!
      .getResourcesList();
    expect(second.getProvider()).toBe(first.getProvider());
    expect(third.getProvider()).not.toBe(first.getProvider());
    expect(third.getProvider()!.getProperties()!.toJavaScript()).toEqual(other.properties);
  });

  it("gives resources with the same options one options message, and a resource with other options its own", () => {
    const [first, second, third] = analyzeStackDecoder
      .decode(stackBytes([instance("a", {}), instance("b", {}), instance("c", {}, { parent })]), sdk)!
      .getResourcesList();
    expect(second.getOptions()).toBe(first.getOptions());
    expect(third.getOptions()!.getParent()).toBe(parent);
    expect(first.getOptions()!.getParent()).toBe("");
  });

  it("reads an empty stack as no resources", () => {
    expect(stackReads(Buffer.alloc(0))).toEqual({ direct: [], google: [] });
  });

  it("skips a resource's field the SDK's message does not define, as google-protobuf does", () => {
    const resource = Buffer.concat([Buffer.from(analyzerResourceFor(protocol, web).serializeBinary()), Buffer.from([0x50, 0x01])]);
    const { direct, google } = stackReads(delimited(1, resource));
    expect(direct).toBeDefined();
    expect(isDeepStrictEqual(direct, google)).toBe(true);
  });
});

/** JSON-ish values as the engine puts them in a Struct: any number (NaN, -0 and infinities too), text beyond ASCII. */
const structValues = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.string({ unit: "grapheme" }),
    fc.constantFrom(UNKNOWN, '{"nested":"json"}'),
    fc.array(tie("value"), { maxLength: 4 }),
    tie("struct"),
  ),
  struct: fc.dictionary(
    fc.string({ unit: "grapheme" }).filter((key) => key !== "__proto__"),
    tie("value"),
    { maxKeys: 5 },
  ),
}));

const edgeValues = { nan: NaN, negativeZero: -0, infinity: -Infinity, nothing: null, emptyList: [], emptyStruct: {}, pending: UNKNOWN, password: secret("p") };

describe("a Struct decoded by structWire", () => {
  it("reads exactly what google-protobuf's Struct.toJavaScript() gives, for values encoded by google-protobuf", () => {
    fc.assert(
      fc.property(structValues.struct, (properties) => {
        const bytes = Buffer.from(structPb.Struct.fromJavaScript(properties as never).serializeBinary());
        const direct = mirrored(() => structValue(new WireReader(bytes, 0, bytes.length)));
        // Text holding U+FFFD is left to google-protobuf, as Buffer would also write it for malformed UTF-8.
        if (direct === undefined) return JSON.stringify(properties).includes("\uFFFD");
        return isDeepStrictEqual(direct, structPb.Struct.deserializeBinary(bytes).toJavaScript());
      }),
      { numRuns: 500, examples: [[edgeValues]] },
    );
  });

  it("is what the SDK converts a directly decoded request's properties to", () => {
    fc.assert(
      fc.property(structValues.struct, (properties) => {
        const bytes = analyzeBytes(instance("web", properties as Record<string, unknown>));
        const google = analyzerPb.AnalyzeRequest.deserializeBinary(bytes).getProperties()!.toJavaScript();
        return isDeepStrictEqual(analyzeDecoder.decode(bytes, sdk)!.getProperties()!.toJavaScript(), google);
      }),
      { numRuns: 200, examples: [[edgeValues]] },
    );
  });
});

describe("the SDK's Analyze and AnalyzeStack receive the directly decoded requests", () => {
  const service = protocol.analyzerGrpc.AnalyzerService as unknown as Record<"analyze" | "analyzeStack", { requestDeserialize: (bytes: Buffer) => unknown }>;
  const originals = { analyze: service.analyze.requestDeserialize, analyzeStack: service.analyzeStack.requestDeserialize };
  beforeAll(() => decodeAnalyzeRequests());
  afterAll(() => {
    service.analyze.requestDeserialize = originals.analyze;
    service.analyzeStack.requestDeserialize = originals.analyzeStack;
  });

  it("replaces both deserializers", () => {
    expect(service.analyze.requestDeserialize).not.toBe(originals.analyze);
    expect(service.analyzeStack.requestDeserialize).not.toBe(originals.analyzeStack);
  });

  it("hands the SDK the request's own message class", () => {
    expect(service.analyze.requestDeserialize(analyzeBytes(instance("web", realShapes)))).toBeInstanceOf(analyzerPb.AnalyzeRequest);
    expect(service.analyzeStack.requestDeserialize(stackBytes([instance("web", realShapes)]))).toBeInstanceOf(analyzerPb.AnalyzeStackRequest);
  });

  it("decodes a request it cannot read directly with google-protobuf", () => {
    const bytes = Buffer.concat([analyzeBytes(instance("web", realShapes)), Buffer.from([0x38, 0x05])]);
    const request = service.analyze.requestDeserialize(bytes) as InstanceType<typeof analyzerPb.AnalyzeRequest>;
    expect(request.getProperties()!.toJavaScript()).toEqual(analyzerPb.AnalyzeRequest.deserializeBinary(bytes).getProperties()!.toJavaScript());
  });
});

describe("an SDK whose Analyze deserializer reads differently", () => {
  const service = protocol.analyzerGrpc.AnalyzerService as unknown as {
    analyze: { requestDeserialize: (bytes: Buffer) => InstanceType<typeof analyzerPb.AnalyzeRequest> };
    analyzeStack: { requestDeserialize: (bytes: Buffer) => unknown };
  };
  const analyze = service.analyze;
  const original = analyze.requestDeserialize;
  const originalStack = service.analyzeStack.requestDeserialize;
  afterEach(() => {
    analyze.requestDeserialize = original;
    service.analyzeStack.requestDeserialize = originalStack;
    jest.restoreAllMocks();
  });

  it("is left alone, with one warning that names it", () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const changed = (bytes: Buffer) => {
      const request = original(bytes);
      request.clearProvider();
      return request;
    };
    analyze.requestDeserialize = changed;
    decodeAnalyzeRequests();
    decodeAnalyzeRequests();
    expect(analyze.requestDeserialize).toBe(changed);
    expect(warn.mock.calls.filter(([message]) => String(message).includes("Analyze deserializer is not what this pack was built against"))).toEqual([
      [expect.stringContaining("(a probe request reads differently)")],
    ]);
  });
});

describe("the messages the reader is written for", () => {
  it("are the SDK's: every getter of the messages it fills is one it fills", () => {
    expect(messageShapeProblem(sdk)).toBeUndefined();
  });

  it("name a getter the SDK's message gained, which would read a field the reader skips", () => {
    class NewerAnalyzeRequest extends sdk.analyzerPb.AnalyzeRequest {
      getStacktagsMap(): undefined {
        return undefined;
      }
    }
    const newer = { ...sdk, analyzerPb: { ...sdk.analyzerPb, AnalyzeRequest: NewerAnalyzeRequest } } as typeof sdk;
    expect(messageShapeProblem(newer)).toBe("the SDK's AnalyzeRequest has fields the reader does not fill (getStacktagsMap)");
  });
});
