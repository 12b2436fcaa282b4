import * as path from "path";
import { isDeepStrictEqual } from "util";
import type * as analyzerGrpcTypes from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type * as structPbTypes from "google-protobuf/google/protobuf/struct_pb";
import { warnOnce } from "./warnOnce";

/** The very protobuf modules @pulumi/policy loaded: its server checks messages against these classes. */
export interface SdkMessages {
  analyzerGrpc: typeof analyzerGrpcTypes;
  analyzerPb: typeof analyzerPbTypes;
  structPb: typeof structPbTypes;
}

let loaded: SdkMessages | undefined;

export function sdkMessages(): SdkMessages {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the very module instances the SDK loaded, found at run time
  const fromSdk = (module: string) => require(require.resolve(module, { paths: [path.dirname(require.resolve("@pulumi/policy"))] }));
  loaded ??= {
    analyzerGrpc: fromSdk("@pulumi/pulumi/proto/analyzer_grpc_pb"),
    analyzerPb: fromSdk("@pulumi/pulumi/proto/analyzer_pb"),
    structPb: fromSdk("google-protobuf/google/protobuf/struct_pb"),
  };
  return loaded;
}

/** One request type of the Analyzer service, read straight from its bytes instead of by google-protobuf. */
export interface DirectDecoder<Request> {
  /** The AnalyzerService method whose requestDeserialize is replaced. */
  method: "configure" | "analyze" | "analyzeStack";
  /** How the warning names the deserializer when it is left alone. */
  reliance: string;
  /** What the warning says happens then. */
  fallback: string;
  /** The request as the SDK's message objects, or undefined when google-protobuf must decide (see structWire). */
  decode(bytes: Buffer, sdk: SdkMessages): Request | undefined;
  /** A request that sets every field the SDK reads, encoded by google-protobuf. */
  probe(sdk: SdkMessages): Uint8Array;
  /** Everything the SDK reads from a request, through the getters it calls. */
  read(request: Request): unknown;
  /** Why the SDK's messages are not those the decoder was written for, if they are not. */
  shapeProblem?(sdk: SdkMessages): string | undefined;
}

type Deserialize<Request> = (bytes: Buffer) => Request;

/**
 * Replaces the request deserializer of one AnalyzerService method with `decoder`, falling back per request to
 * the SDK's own for bytes the decoder cannot mirror. This relies on the SDK's internals, which is why
 * @pulumi/policy is pinned exactly: the patch is made only when a probe request reads the same both ways,
 * otherwise a warning names the deserializer once and the SDK keeps decoding. It must run before the
 * PolicyPack is constructed, which registers the service.
 */
export function decodeDirectly<Request>(decoder: DirectDecoder<Request>): void {
  const sdk = sdkMessages();
  const service = sdk.analyzerGrpc.AnalyzerService as unknown as Record<string, { requestDeserialize?: Deserialize<Request> } | undefined>;
  const method = service[decoder.method];
  const original = method?.requestDeserialize;
  const unpatched = (problem: string) => warnOnce(decoder.reliance, problem, decoder.fallback);
  if (!method || typeof original !== "function") return unpatched("it is missing");
  let problem: string | undefined;
  try {
    problem = decoder.shapeProblem?.(sdk) ?? probeDifference(decoder, sdk, original);
  } catch (error) {
    problem = `a probe request failed: ${(error as Error).message}`;
  }
  if (problem) return unpatched(problem);
  method.requestDeserialize = (bytes) => decoder.decode(bytes, sdk) ?? original(bytes);
}

function probeDifference<Request>(decoder: DirectDecoder<Request>, sdk: SdkMessages, original: Deserialize<Request>): string | undefined {
  const bytes = Buffer.from(decoder.probe(sdk));
  const decoded = decoder.decode(bytes, sdk);
  if (decoded === undefined) return "a probe request could not be read directly";
  return isDeepStrictEqual(decoder.read(decoded), decoder.read(original(bytes))) ? undefined : "a probe request reads differently";
}
