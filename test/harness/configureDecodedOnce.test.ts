import * as path from "path";
import { configureRequestBytes } from "../../src/harness/configureRequestWire";
import { loadPulumiProtocol } from "../../src/harness/pulumiProtocol";
import { decodeConfigureOnce, decodeConfigureRequest } from "../../src/sdk/decodeConfigureOnce";
import { manyVendors } from "../support/manyVendors";

const protocol = loadPulumiProtocol(path.resolve(__dirname, "../.."));
const MANDATORY = 1;
const AMI = "restricted-vendor-ami";
const CONTAINER = "restricted-vendor-container-image";

/** What the SDK's Configure made of the bytes before: google-protobuf's decoding, then toJavaScript per policy. */
function googleProtobufConfigs(bytes: Buffer) {
  const request = protocol.analyzerPb.ConfigureAnalyzerRequest.deserializeBinary(bytes);
  return new Map(
    [...request.getPolicyconfigMap().entries()].map(([name, config]) => [
      name,
      { enforcementLevel: config.getEnforcementlevel(), properties: config.getProperties()!.toJavaScript() },
    ]),
  );
}

const decodedAsJson = (configs: ReturnType<typeof decodeConfigureRequest>) => JSON.stringify([...configs!].sort(([a], [b]) => a.localeCompare(b)));
const googleAsJson = (bytes: Buffer) => JSON.stringify([...googleProtobufConfigs(bytes)].sort(([a], [b]) => a.localeCompare(b)));

// Protobuf wire pieces, for requests google-protobuf would never write but another client may send.
const varint = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...varint(Math.floor(n / 128))]);
const delimited = (field: number, payload: Buffer) => Buffer.concat([Buffer.from([...varint(field * 8 + 2), ...varint(payload.length)]), payload]);
const text = (field: number, value: string) => delimited(field, Buffer.from(value, "utf8"));
const stringValue = (value: string) => text(3, value);
const entry = (key: Buffer, value: Buffer) => delimited(1, Buffer.concat([delimited(1, key), delimited(2, value)]));
const structOf = (...entries: Buffer[]) => Buffer.concat(entries);
const requestWith = (properties: Buffer) =>
  delimited(1, Buffer.concat([text(1, AMI), delimited(2, Buffer.concat([Buffer.from([0x08, MANDATORY]), delimited(2, properties)]))]));

const everyKind = {
  asOf: "2025-03-01",
  warnBeforeDays: 30,
  ratio: -1.5,
  enabled: true,
  disabled: false,
  nothing: null,
  "": "an empty key",
  "10": "a key that reads as a number",
  unicode: "Лаборатория Касперского 😀",
  nested: { b: [1, "two", null, { c: false }], a: {}, list: [[]] },
};

describe("a Configure request is decoded straight from its bytes", () => {
  it("decodes every kind of JSON value as google-protobuf's Struct.toJavaScript does, key order included", () => {
    const bytes = configureRequestBytes({ [AMI]: { enforcementLevel: MANDATORY, properties: everyKind } });
    expect(decodedAsJson(decodeConfigureRequest(bytes))).toBe(googleAsJson(bytes));
  });

  it("decodes a policy's zero enforcement level, which the request leaves out", () => {
    const bytes = configureRequestBytes({ [AMI]: { enforcementLevel: 0, properties: { asOf: "2025-03-01" } } });
    expect(decodeConfigureRequest(bytes)!.get(AMI)).toEqual({ enforcementLevel: 0, properties: { asOf: "2025-03-01" } });
  });

  it("decodes properties that every policy receives alike once, for all of them", () => {
    const properties = { asOf: "2025-03-01", additionalVendors: manyVendors(50) };
    const configs = decodeConfigureRequest(
      configureRequestBytes({ [AMI]: { enforcementLevel: MANDATORY, properties }, [CONTAINER]: { enforcementLevel: 2, properties } }),
    )!;
    expect(configs.get(CONTAINER)!.properties).toBe(configs.get(AMI)!.properties);
    expect(configs.get(CONTAINER)!.enforcementLevel).toBe(2);
  });

  it("keeps apart the properties of policies configured differently", () => {
    const bytes = configureRequestBytes({
      [AMI]: { enforcementLevel: MANDATORY, properties: { additionalVendors: manyVendors(2) } },
      [CONTAINER]: { enforcementLevel: MANDATORY, properties: { additionalVendors: manyVendors(1) } },
    });
    const configs = decodeConfigureRequest(bytes)!;
    expect(configs.get(CONTAINER)!.properties).toEqual({ additionalVendors: manyVendors(1) });
    expect(decodedAsJson(configs)).toBe(googleAsJson(bytes));
  });

  it("sorts keys sent in another order and keeps the last of a repeated key, as google-protobuf does", () => {
    const bytes = requestWith(
      structOf(entry(Buffer.from("b"), stringValue("first")), entry(Buffer.from("a"), stringValue("x")), entry(Buffer.from("b"), stringValue("last"))),
    );
    expect(decodedAsJson(decodeConfigureRequest(bytes))).toBe(googleAsJson(bytes));
    expect(JSON.stringify(decodeConfigureRequest(bytes)!.get(AMI)!.properties)).toBe('{"a":"x","b":"last"}');
  });

  it("skips fields it does not know, as google-protobuf does", () => {
    const unknownField = Buffer.from([0x38, 0x05]);
    const bytes = Buffer.concat([requestWith(structOf(entry(Buffer.from("asOf"), Buffer.concat([stringValue("2025-03-01"), unknownField])))), unknownField]);
    expect(decodedAsJson(decodeConfigureRequest(bytes))).toBe(googleAsJson(bytes));
  });

  it("leaves a value of no kind to google-protobuf, which rejects it", () => {
    const bytes = requestWith(structOf(entry(Buffer.from("asOf"), Buffer.alloc(0))));
    expect(decodeConfigureRequest(bytes)).toBeUndefined();
    expect(() => googleProtobufConfigs(bytes)).toThrow("Unexpected struct type");
  });

  it("leaves text that is not valid UTF-8 to google-protobuf", () => {
    const bytes = requestWith(structOf(entry(Buffer.from("asOf"), delimited(3, Buffer.from([0xc3, 0x28])))));
    expect(decodeConfigureRequest(bytes)).toBeUndefined();
  });

  it("leaves truncated bytes to google-protobuf", () => {
    const bytes = configureRequestBytes({ [AMI]: { enforcementLevel: MANDATORY, properties: everyKind } });
    expect(decodeConfigureRequest(bytes.subarray(0, bytes.length - 3))).toBeUndefined();
  });
});

describe("the SDK's Configure receives the decoded configs", () => {
  const configure = protocol.analyzerGrpc.AnalyzerService.configure as unknown as {
    requestDeserialize: (bytes: Buffer) => InstanceType<typeof protocol.analyzerPb.ConfigureAnalyzerRequest>;
  };
  const original = configure.requestDeserialize;
  beforeAll(() => decodeConfigureOnce());
  afterAll(() => {
    configure.requestDeserialize = original;
  });

  const received = (bytes: Buffer) => configure.requestDeserialize(bytes).getPolicyconfigMap();

  it("hands every policy its level and its properties as plain values", () => {
    const map = received(configureRequestBytes({ [AMI]: { enforcementLevel: MANDATORY, properties: everyKind } }));
    expect(map.get(AMI)!.getEnforcementlevel()).toBe(MANDATORY);
    expect(map.get(AMI)!.getProperties()!.toJavaScript()).toEqual(everyKind);
  });

  it("gives each conversion its own top-level object, to which the SDK adds the enforcement level", () => {
    const properties = received(configureRequestBytes({ [AMI]: { enforcementLevel: MANDATORY, properties: everyKind } }))
      .get(AMI)!
      .getProperties()!;
    const first = properties.toJavaScript() as Record<string, unknown>;
    first.enforcementLevel = "mandatory";
    expect(properties.toJavaScript()).not.toHaveProperty("enforcementLevel");
  });

  it("decodes a request it cannot mirror with google-protobuf, whose error the SDK reports as before", () => {
    const map = received(requestWith(structOf(entry(Buffer.from("asOf"), Buffer.alloc(0)))));
    expect(() => map.get(AMI)!.getProperties()!.toJavaScript()).toThrow("Unexpected struct type");
  });
});

describe("an SDK whose Configure deserializer is not the one the pack was built against", () => {
  const configure = protocol.analyzerGrpc.AnalyzerService.configure as unknown as { requestDeserialize: (bytes: Buffer) => unknown };
  const original = configure.requestDeserialize;
  afterEach(() => {
    configure.requestDeserialize = original;
    jest.restoreAllMocks();
  });

  it("is patched when it reads the probe request as the pack's reader does", () => {
    decodeConfigureOnce();
    expect(configure.requestDeserialize).not.toBe(original);
  });

  it("is left alone, with one warning that names it, when it reads the probe request differently", () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const changed = (bytes: Buffer) => {
      const request = original(bytes) as InstanceType<typeof protocol.analyzerPb.ConfigureAnalyzerRequest>;
      request.getPolicyconfigMap().get("probe-policy")?.setEnforcementlevel(0);
      return request;
    };
    configure.requestDeserialize = changed;
    decodeConfigureOnce();
    decodeConfigureOnce();
    expect(configure.requestDeserialize).toBe(changed);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain("Configure deserializer is not what this pack was built against (a probe request reads differently)");
  });
});
