import * as path from "path";
import { configureRequestBytes, PolicyConfigWire } from "../../src/harness/configureRequestWire";
import { loadPulumiProtocol } from "../../src/harness/pulumiProtocol";
import { manyVendors } from "../support/manyVendors";

const protocol = loadPulumiProtocol(path.resolve(__dirname, "../.."));

/** The request as the harness built it before, with google-protobuf's message objects. */
function googleProtobufBytes(config: Record<string, PolicyConfigWire>): Buffer {
  const request = new protocol.analyzerPb.ConfigureAnalyzerRequest();
  for (const [name, { enforcementLevel, properties }] of Object.entries(config)) {
    const policyConfig = new protocol.analyzerPb.PolicyConfig();
    policyConfig.setEnforcementlevel(enforcementLevel as never);
    policyConfig.setProperties(protocol.structPb.Struct.fromJavaScript(properties as never));
    request.getPolicyconfigMap().set(name, policyConfig);
  }
  return Buffer.from(request.serializeBinary());
}

const MANDATORY = 1;
const everyKind = {
  asOf: "2025-03-01",
  warnBeforeDays: 30,
  ratio: -1.5,
  huge: 1e300,
  enabled: true,
  disabled: false,
  nothing: null,
  "": "an empty key",
  "10": "a key that reads as a number",
  "2": [[[]], {}],
  unicode: "Kaspersky Lab – Лаборатория Касперского 😀",
  long: "x".repeat(300),
  nested: { b: [1, "two", null, { c: false }], a: {} },
};

describe("the Configure request the harness sends is byte for byte what google-protobuf writes", () => {
  it("writes every kind of JSON value, with keys sorted as google-protobuf sorts them", () => {
    const config = { "restricted-vendor-ami": { enforcementLevel: MANDATORY, properties: everyKind } };
    expect(configureRequestBytes(config).equals(googleProtobufBytes(config))).toBe(true);
  });

  it("omits a policy's zero enforcement level (advisory), as proto3 does", () => {
    const config = { "restricted-vendor-ami": { enforcementLevel: 0, properties: { asOf: "2025-03-01" } } };
    expect(configureRequestBytes(config).equals(googleProtobufBytes(config))).toBe(true);
  });

  it("writes every policy of the pack, each with its own properties, sorted by name", () => {
    const config = {
      "restricted-vendor-marketplace-listing": { enforcementLevel: 3, properties: {} },
      "restricted-vendor-ami": { enforcementLevel: MANDATORY, properties: { additionalVendors: manyVendors(3) } },
    };
    expect(configureRequestBytes(config).equals(googleProtobufBytes(config))).toBe(true);
  });

  it("writes the values that several policies share once for each of them", () => {
    const shared = { asOf: "2025-03-01", additionalVendors: manyVendors(5) };
    const config = {
      "restricted-vendor-ami": { enforcementLevel: MANDATORY, properties: shared },
      "restricted-vendor-container-image": { enforcementLevel: MANDATORY, properties: { ...shared, warnBeforeDays: 10 } },
      "restricted-vendor-marketplace-listing": { enforcementLevel: MANDATORY, properties: shared },
    };
    expect(configureRequestBytes(config).equals(googleProtobufBytes(config))).toBe(true);
  });

  it("writes a catalog of a thousand vendors, whose length prefixes take three bytes", () => {
    const config = { "restricted-vendor-container-image": { enforcementLevel: MANDATORY, properties: { additionalVendors: manyVendors(1000) } } };
    const bytes = configureRequestBytes(config);
    expect(bytes.length).toBeGreaterThan(0x4000);
    expect(bytes.equals(googleProtobufBytes(config))).toBe(true);
  });

  it("names the path of a value that JSON cannot carry", () => {
    const config = { "restricted-vendor-ami": { enforcementLevel: MANDATORY, properties: { exemptions: [{ vendor: "example-vendor", expires: undefined }] } } };
    expect(() => configureRequestBytes(config)).toThrow(
      "restricted-vendor-ami.properties.exemptions[0].expires: a policy config value must be JSON, not undefined",
    );
  });
});
