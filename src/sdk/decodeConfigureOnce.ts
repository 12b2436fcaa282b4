import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import { DirectDecoder, decodeDirectly } from "./directDecoding";
import { LENGTH_DELIMITED, Unmirrored, VARINT, WireReader, mirrored, structValue } from "./structWire";

/** What Configure says to one policy: its enforcement level (the proto enum) and its properties. */
interface ReceivedPolicyConfig {
  enforcementLevel: number;
  properties: Record<string, unknown>;
}

/**
 * The policies' configs in a ConfigureAnalyzerRequest's bytes (field 1, map<string, PolicyConfig>; a
 * PolicyConfig is enforcementLevel = 1, properties = 2). The CLI sends every policy its own copy of the
 * properties, usually byte for byte the same: identical bytes are decoded once, and those policies share one
 * tree. Undefined when google-protobuf must decide (see structWire).
 */
export function decodeConfigureRequest(bytes: Buffer): Map<string, ReceivedPolicyConfig> | undefined {
  return mirrored(() => {
    const decoded: Array<{ bytes: [number, number]; tree: Record<string, unknown> }> = [];
    const treeOf = (reader: WireReader) => {
      const [start, end] = reader.delimited();
      const same = decoded.find((d) => bytes.compare(bytes, d.bytes[0], d.bytes[1], start, end) === 0);
      if (same) return same.tree;
      const tree = structValue(new WireReader(bytes, start, end));
      decoded.push({ bytes: [start, end], tree });
      return tree;
    };
    const configs = new Map<string, ReceivedPolicyConfig>();
    const request = new WireReader(bytes, 0, bytes.length);
    while (!request.done) {
      const [field, wireType] = request.tag();
      if (field !== 1) {
        request.skip(wireType);
        continue;
      }
      request.expect(wireType, LENGTH_DELIMITED);
      const entry = request.sub();
      let name = "";
      let config: ReceivedPolicyConfig | undefined;
      while (!entry.done) {
        const [entryField, entryWireType] = entry.tag();
        if (entryField === 1) {
          entry.expect(entryWireType, LENGTH_DELIMITED);
          name = entry.text();
        } else if (entryField === 2) {
          entry.expect(entryWireType, LENGTH_DELIMITED);
          config = policyConfig(entry.sub(), treeOf);
        } else entry.skip(entryWireType);
      }
      if (!config) throw new Unmirrored();
      configs.set(name, config);
    }
    return configs;
  });
}

function policyConfig(reader: WireReader, treeOf: (reader: WireReader) => Record<string, unknown>): ReceivedPolicyConfig {
  let enforcementLevel = 0;
  let properties: Record<string, unknown> | undefined;
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (field === 1) {
      reader.expect(wireType, VARINT);
      enforcementLevel = reader.varint();
      // A negative enum value travels as ten bytes: rare enough to leave to google-protobuf.
      if (enforcementLevel > 0x7fffffff) throw new Unmirrored();
    } else if (field === 2) {
      reader.expect(wireType, LENGTH_DELIMITED);
      properties = treeOf(reader);
    } else reader.skip(wireType);
  }
  // Without properties the SDK's Configure fails: google-protobuf's decoding lets it fail as it always has.
  if (!properties) throw new Unmirrored();
  return { enforcementLevel, properties };
}

/**
 * @pulumi/policy's Configure decodes the request with google-protobuf, one message object per value, then
 * converts every policy's properties to plain values (server.js: `v.getProperties().toJavaScript()` in its
 * loop over the map). For an organisation's catalog of a thousand vendors that is most of the pack's start-up
 * time. The request is read directly, identical properties are decoded once, and the SDK gets message objects
 * whose `toJavaScript()` returns a fresh top-level copy of that tree (the SDK adds enforcementLevel to it); the
 * nested values are shared and never mutated by the pack. Only `toJavaScript()` is served: the Struct has no
 * fields of its own, which the SDK never reads.
 */
const configureDecoder: DirectDecoder<analyzerPbTypes.ConfigureAnalyzerRequest> = {
  method: "configure",
  reliance: "Configure deserializer",
  fallback: "each policy's config is decoded by google-protobuf, which is slower and reads the same",
  decode(bytes, { analyzerPb, structPb }) {
    const configs = decodeConfigureRequest(bytes);
    if (!configs) return undefined;
    const request = new analyzerPb.ConfigureAnalyzerRequest();
    for (const [name, { enforcementLevel, properties }] of configs) {
      const struct = new structPb.Struct();
      struct.toJavaScript = () => ({ ...properties }) as never;
      const config = new analyzerPb.PolicyConfig();
      config.setEnforcementlevel(enforcementLevel as analyzerPbTypes.EnforcementLevel);
      config.setProperties(struct);
      request.getPolicyconfigMap().set(name, config);
    }
    return request;
  },
  probe({ analyzerPb, structPb }) {
    const probe = new analyzerPb.ConfigureAnalyzerRequest();
    const config = new analyzerPb.PolicyConfig();
    config.setEnforcementlevel(analyzerPb.EnforcementLevel.MANDATORY);
    config.setProperties(structPb.Struct.fromJavaScript({ probe: ["value", 1, true, null, { nested: "value" }] }));
    probe.getPolicyconfigMap().set("probe-policy", config);
    return probe.serializeBinary();
  },
  read(request) {
    return request
      .getPolicyconfigMap()
      .getEntryList()
      .map(([name]) => {
        const entry = request.getPolicyconfigMap().get(name);
        return [name, entry?.getEnforcementlevel(), entry?.getProperties()?.toJavaScript()];
      });
  },
};

export function decodeConfigureOnce(): void {
  decodeDirectly(configureDecoder);
}
