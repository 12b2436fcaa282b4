import * as path from "path";
import { isDeepStrictEqual } from "util";
import type * as analyzerGrpcTypes from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type * as structPbTypes from "google-protobuf/google/protobuf/struct_pb";
import { warnOnce } from "./warnOnce";
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

type Deserialize = (bytes: Buffer) => analyzerPbTypes.ConfigureAnalyzerRequest;

/**
 * @pulumi/policy's Configure decodes the request with google-protobuf, one message object per value, then
 * converts every policy's properties to plain values (server.js: `v.getProperties().toJavaScript()` in its
 * loop over the map). For an organisation's catalog of a thousand vendors that is most of the pack's start-up
 * time. The request's deserializer is replaced by one that reads the bytes directly, decodes identical
 * properties once, and hands the SDK message objects whose `toJavaScript()` returns a fresh top-level copy of
 * that tree (the SDK adds enforcementLevel to it); the nested values are shared and never mutated by the pack.
 * Only `toJavaScript()` is served: the Struct has no fields of its own, which the SDK never reads. This relies
 * on the SDK's internals, which is why @pulumi/policy is pinned exactly; requests the reader cannot mirror
 * are decoded as before. It must run before the PolicyPack is constructed, which registers the service.
 */
export function decodeConfigureOnce(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the very module instances the SDK loaded, found at run time
  const fromSdk = (module: string) => require(require.resolve(module, { paths: [path.dirname(require.resolve("@pulumi/policy"))] }));
  const analyzerGrpc: typeof analyzerGrpcTypes = fromSdk("@pulumi/pulumi/proto/analyzer_grpc_pb");
  const analyzerPb: typeof analyzerPbTypes = fromSdk("@pulumi/pulumi/proto/analyzer_pb");
  const structPb: typeof structPbTypes = fromSdk("google-protobuf/google/protobuf/struct_pb");
  const configure = (analyzerGrpc.AnalyzerService as unknown as { configure?: { requestDeserialize?: Deserialize } }).configure;
  const original = configure?.requestDeserialize;
  const unpatched = (problem: string) =>
    warnOnce("Configure deserializer", problem, "each policy's config is decoded by google-protobuf, which is slower and reads the same");
  if (!configure || typeof original !== "function") return unpatched("it is missing");
  const patched: Deserialize = (bytes) => {
    const configs = decodeConfigureRequest(bytes);
    if (!configs) return original(bytes);
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
  };
  let problem: string | undefined;
  try {
    problem = probeDifference(original, patched, analyzerPb, structPb);
  } catch (error) {
    problem = `a probe request failed: ${(error as Error).message}`;
  }
  if (problem) return unpatched(problem);
  configure.requestDeserialize = patched;
}

/** Why the patched deserializer reads a probe request differently from the SDK's own, if it does. */
function probeDifference(original: Deserialize, patched: Deserialize, analyzerPb: typeof analyzerPbTypes, structPb: typeof structPbTypes): string | undefined {
  const probe = new analyzerPb.ConfigureAnalyzerRequest();
  const config = new analyzerPb.PolicyConfig();
  config.setEnforcementlevel(analyzerPb.EnforcementLevel.MANDATORY);
  config.setProperties(structPb.Struct.fromJavaScript({ probe: ["value", 1, true, null, { nested: "value" }] }));
  probe.getPolicyconfigMap().set("probe-policy", config);
  const bytes = Buffer.from(probe.serializeBinary());
  const read = (request: analyzerPbTypes.ConfigureAnalyzerRequest) =>
    request
      .getPolicyconfigMap()
      .getEntryList()
      .map(([name]) => {
        const entry = request.getPolicyconfigMap().get(name);
        return [name, entry?.getEnforcementlevel(), entry?.getProperties()?.toJavaScript()];
      });
  const expected = read(original(bytes));
  const actual = read(patched(bytes));
  return isDeepStrictEqual(actual, expected) ? undefined : "a probe request reads differently";
}
