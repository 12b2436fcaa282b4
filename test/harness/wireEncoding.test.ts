import fc from "fast-check";
import { loadPulumiProtocol } from "../../src/harness/pulumiProtocol";
import { analyzeRequestFor, analyzerResourceFor } from "../../src/harness/protoConvert";
import { encodeAnalyzeRequest, encodeAnalyzeStackRequest, NotEncodable } from "../../src/harness/wireEncoding";
import { secret, UNKNOWN, urnFor } from "../../src/harness/wireValues";
import type { AnalyzedResource } from "../../src/harness/types";
import { instance } from "../support/analyzedResources";

const protocol = loadPulumiProtocol(__dirname);
const generated = (r: AnalyzedResource) => Buffer.from(analyzeRequestFor(protocol, r).serializeBinary());
const generatedStack = (rs: AnalyzedResource[]) => {
  const request = new protocol.analyzerPb.AnalyzeStackRequest();
  request.setResourcesList(rs.map((r) => analyzerResourceFor(protocol, r)));
  return Buffer.from(request.serializeBinary());
};
const neverCalled = () => {
  throw new Error("the fallback was not expected");
};

const provider = {
  type: "pulumi:providers:aws",
  name: "default",
  urn: urnFor("pulumi:providers:aws", "default"),
  properties: { region: "eu-west-1", version: "7.48.0" },
};
const parent = urnFor("pulumi:pulumi:Stack", "app-dev");

/** Every shape a property value takes on the wire, with keys out of order and strings beyond ASCII. */
const wireShapes = {
  zeta: "last key first",
  ami: "ami-0abcdef1234567890",
  count: 3,
  ratio: -0.5,
  negativeZero: -0,
  big: 2 ** 60,
  enabled: true,
  disabled: false,
  nothing: null,
  password: secret("p@ss"),
  subnetId: UNKNOWN,
  emptyList: [],
  emptyObject: {},
  "": "an empty key",
  unicode: "Zürich 東京 😀",
  padding: "x".repeat(300),
  nested: { list: [1, { deeper: null }, ["a", false]] },
};

describe("the direct encoding of analyzer requests", () => {
  it("writes the bytes google-protobuf writes for an Analyze request", () => {
    const r = instance("web", wireShapes, { provider, parent });
    expect(Buffer.from(encodeAnalyzeRequest(r))).toEqual(generated(r));
  });

  it("writes the bytes google-protobuf writes for an Analyze request without provider or parent", () => {
    const r = instance("bare", { ami: "ami-0abcdef1234567890" });
    expect(Buffer.from(encodeAnalyzeRequest(r))).toEqual(generated(r));
  });

  it("writes the bytes google-protobuf writes for an AnalyzeStack request, dependencies included", () => {
    const rs = Array.from({ length: 40 }, (_, i) =>
      instance(
        `n${i}`,
        { ...wireShapes, padding: "y".repeat(i * 9) },
        {
          provider,
          parent,
          dependencies: [parent, urnFor("aws:ec2/securityGroup:SecurityGroup", "sg")],
          propertyDependencies: { vpcSecurityGroupIds: [urnFor("aws:ec2/securityGroup:SecurityGroup", "sg")], ami: [], amiOwner: [parent] },
        },
      ),
    );
    expect(Buffer.from(encodeAnalyzeStackRequest(rs, neverCalled))).toEqual(generatedStack(rs));
  });

  it("writes the bytes google-protobuf writes for any JSON value", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: "grapheme" }), fc.jsonValue({ maxDepth: 4 })), (properties) => {
        // A __proto__ key is refused, for google-protobuf to encode in its own way (the test below).
        fc.pre(!JSON.stringify(properties).includes('"__proto__":'));
        const r = instance("any", properties as Record<string, unknown>, { provider });
        expect(Buffer.from(encodeAnalyzeRequest(r))).toEqual(generated(r));
      }),
      { numRuns: 300 },
    );
  });

  it("writes ASCII strings at the one-byte length limit and one past it as google-protobuf does", () => {
    const r = instance("limits", { atLimit: "a".repeat(127), pastLimit: "b".repeat(128), controls: "\u0000\u007f" });
    expect(Buffer.from(encodeAnalyzeRequest(r))).toEqual(generated(r));
  });

  it("writes short strings whose last character is past ASCII as google-protobuf does", () => {
    const r = instance("non-ascii", { latin1: "caf\u00e9", firstPastAscii: "x\u0080", astral: "id-\u{1F600}" });
    expect(Buffer.from(encodeAnalyzeRequest(r))).toEqual(generated(r));
  });

  it("gives each Analyze request its own bytes, which a later, smaller request does not change", () => {
    const large = instance("large", { padding: "z".repeat(40_000) });
    const small = instance("small", { ami: "ami-0abcdef1234567890" });
    const first = encodeAnalyzeRequest(large);
    const second = encodeAnalyzeRequest(small);
    expect([Buffer.from(first), Buffer.from(second)]).toEqual([generated(large), generated(small)]);
  });

  it("refuses a value Struct.fromJavaScript refuses, so the caller takes the google-protobuf path", () => {
    expect(() => encodeAnalyzeRequest(instance("undefined", { ami: undefined }))).toThrow(NotEncodable);
  });

  it("refuses a lone surrogate, which google-protobuf encodes in its own way", () => {
    expect(() => encodeAnalyzeRequest(instance("surrogate", { name: "a\uD800b" }))).toThrow(NotEncodable);
  });

  it("refuses a __proto__ key, which google-protobuf's map turns into a prototype, so the caller takes the google-protobuf path", () => {
    expect(() => encodeAnalyzeRequest(instance("proto", JSON.parse('{"tags":{"__proto__":null}}') as Record<string, unknown>))).toThrow(NotEncodable);
  });

  it("hands a refused resource of an AnalyzeStack request to the fallback, in its place", () => {
    const rs = [instance("a", { ok: 1 }), instance("b", { name: "a\uD800b" }), instance("c", { ok: 2 })];
    const bytes = encodeAnalyzeStackRequest(rs, (r) => analyzerResourceFor(protocol, r).serializeBinary());
    expect(Buffer.from(bytes)).toEqual(generatedStack(rs));
  });
});
