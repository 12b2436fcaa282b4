import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type * as structPbTypes from "google-protobuf/google/protobuf/struct_pb";
import { SdkMessages } from "./directDecoding";
import { LENGTH_DELIMITED, Unmirrored, WireReader, mirrored, structValue } from "./structWire";

/*
 * AnalyzeRequest and AnalyzeStackRequest read straight from their bytes into the SDK's own message objects,
 * except that each properties Struct holds only its byte range until the SDK converts it. The field numbers are
 * those of @pulumi/pulumi's analyzer_pb.js: a resource has type = 1, properties = 2, urn = 3, name = 4,
 * options = 5, provider = 6, and in a stack also parent = 7, dependencies = 8, propertyDependencies = 9; a
 * provider has fields 1 to 4. A field number beyond these is skipped, as google-protobuf skips a field its
 * message does not define, so a newer engine's extra fields keep the fast path: the SDK can read only what its
 * messages define, which `MESSAGE_GETTERS` holds the SDK to. A known field number with the wrong wire type
 * makes the whole request undefined, for google-protobuf to decode.
 */

/** The getters of each message this reader fills, as @pulumi/pulumi's analyzer_pb.js defines them. */
export const MESSAGE_GETTERS: Readonly<Record<string, readonly string[]>> = {
  AnalyzeRequest: ["getType", "getProperties", "getUrn", "getName", "getOptions", "getProvider"],
  AnalyzerResource: [
    "getType",
    "getProperties",
    "getUrn",
    "getName",
    "getOptions",
    "getProvider",
    "getParent",
    "getDependenciesList",
    "getPropertydependenciesMap",
  ],
  AnalyzerProviderResource: ["getType", "getProperties", "getUrn", "getName"],
  AnalyzeStackRequest: ["getResourcesList"],
  AnalyzerPropertyDependencies: ["getUrnsList"],
};

type Struct = structPbTypes.Struct;
type PlainStruct = ReturnType<Struct["toJavaScript"]>;

/** What a resource, a stack's resource and a provider have alike: fields 1 to 4. */
export interface NamedMessage {
  setType(value: string): unknown;
  setProperties(value?: Struct): unknown;
  setUrn(value: string): unknown;
  setName(value: string): unknown;
}

export type ResourceMessage = analyzerPbTypes.AnalyzeRequest | analyzerPbTypes.AnalyzerResource;

/** The SDK's message classes, and its Struct class made lazy. */
interface Messages {
  analyzerPb: SdkMessages["analyzerPb"];
  LazyStruct: new (bytes: Buffer, start: number, end: number) => Struct;
}

/** What one request's reading shares: the messages, and the option and provider messages decoded so far. */
interface Context extends Messages {
  shared: Map<string, unknown>;
}

const messagesOf = new WeakMap<SdkMessages, Messages>();

function messages(sdk: SdkMessages): Messages {
  let found = messagesOf.get(sdk);
  if (!found) messagesOf.set(sdk, (found = { analyzerPb: sdk.analyzerPb, LazyStruct: lazyStructClass(sdk.structPb) }));
  return found;
}

/**
 * The SDK's Struct class, holding a byte range of the request instead of fields. It converts when the SDK asks,
 * to what google-protobuf's decoding would give; bytes structWire cannot mirror are converted by google-protobuf
 * itself, so a malformed Struct fails when it is read, which the SDK reports as a failing policy. Only
 * `toJavaScript()` is served, the one method the SDK calls on it.
 */
function lazyStructClass(structPb: SdkMessages["structPb"]): Messages["LazyStruct"] {
  return class LazyStruct extends structPb.Struct {
    constructor(
      private readonly bytes: Buffer,
      private readonly start: number,
      private readonly end: number,
    ) {
      super();
    }

    override toJavaScript(): PlainStruct {
      const tree = mirrored(() => structValue(new WireReader(this.bytes, this.start, this.end)) as PlainStruct);
      return tree ?? structPb.Struct.deserializeBinary(this.bytes.subarray(this.start, this.end)).toJavaScript();
    }
  };
}

/** Reads fields 1 to 4 of a named message into it; false for any other field. */
function namedField(reader: WireReader, field: number, wireType: number, message: NamedMessage, { LazyStruct }: Messages): boolean {
  if (field < 1 || field > 4) return false;
  reader.expect(wireType, LENGTH_DELIMITED);
  if (field === 1) message.setType(reader.text());
  else if (field === 3) message.setUrn(reader.text());
  else if (field === 4) message.setName(reader.text());
  else {
    const [start, end] = reader.delimited();
    message.setProperties(new LazyStruct(reader.bytes, start, end));
  }
  return true;
}

/** Reads fields 1 to 6, which an Analyze request and a stack's resource share; false for any other field. */
function resourceField(reader: WireReader, field: number, wireType: number, message: ResourceMessage, context: Context): boolean {
  if (namedField(reader, field, wireType, message, context)) return true;
  if (field !== 5 && field !== 6) return false;
  reader.expect(wireType, LENGTH_DELIMITED);
  if (field === 5) message.setOptions(sharedMessage(reader, field, context, resourceOptions));
  else message.setProvider(sharedMessage(reader, field, context, provider));
  return true;
}

/**
 * The message in a length-delimited field, decoded once per request for the same bytes: a stack's resources
 * mostly have the same options and a handful of providers, which the SDK only reads. A shared provider also
 * shares its properties Struct, so they are converted once for all its resources.
 */
function sharedMessage<T>(reader: WireReader, field: number, context: Context, decode: (reader: WireReader, messages: Messages) => T): T {
  const [start, end] = reader.delimited();
  const key = `${field}:${reader.bytes.toString("latin1", start, end)}`;
  let message = context.shared.get(key) as T | undefined;
  if (message === undefined) context.shared.set(key, (message = decode(new WireReader(reader.bytes, start, end), context)));
  return message;
}

/** Small, and read by the SDK through many getters: google-protobuf decodes it. */
function resourceOptions(reader: WireReader, { analyzerPb }: Messages): analyzerPbTypes.AnalyzerResourceOptions {
  try {
    return analyzerPb.AnalyzerResourceOptions.deserializeBinary(reader.bytes.subarray(reader.pos, reader.end));
  } catch {
    throw new Unmirrored();
  }
}

function provider(reader: WireReader, messages: Messages): analyzerPbTypes.AnalyzerProviderResource {
  const message = new messages.analyzerPb.AnalyzerProviderResource();
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (!namedField(reader, field, wireType, message, messages)) reader.skip(wireType);
  }
  return message;
}

function analyzeRequest(bytes: Buffer, context: Context): analyzerPbTypes.AnalyzeRequest {
  const request = new context.analyzerPb.AnalyzeRequest();
  const reader = new WireReader(bytes, 0, bytes.length);
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (!resourceField(reader, field, wireType, request, context)) reader.skip(wireType);
  }
  return request;
}

function stackResource(reader: WireReader, context: Context): analyzerPbTypes.AnalyzerResource {
  const resource = new context.analyzerPb.AnalyzerResource();
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (resourceField(reader, field, wireType, resource, context)) continue;
    if (field < 7 || field > 9) {
      reader.skip(wireType);
      continue;
    }
    reader.expect(wireType, LENGTH_DELIMITED);
    if (field === 7) resource.setParent(reader.text());
    else if (field === 8) resource.addDependencies(reader.text());
    else propertyDependencies(reader.sub(), resource, context);
  }
  return resource;
}

/** One entry of the map<string, AnalyzerPropertyDependencies>: key = 1, value = 2 (urns = 1). */
function propertyDependencies(entry: WireReader, resource: analyzerPbTypes.AnalyzerResource, { analyzerPb }: Messages): void {
  let key = "";
  let dependencies: analyzerPbTypes.AnalyzerPropertyDependencies | undefined;
  while (!entry.done) {
    const [field, wireType] = entry.tag();
    entry.expect(wireType, LENGTH_DELIMITED);
    if (field === 1) key = entry.text();
    else if (field === 2) {
      const value = entry.sub();
      dependencies = new analyzerPb.AnalyzerPropertyDependencies();
      while (!value.done) {
        const [valueField, valueWireType] = value.tag();
        if (valueField !== 1) {
          value.skip(valueWireType);
          continue;
        }
        value.expect(valueWireType, LENGTH_DELIMITED);
        dependencies.addUrns(value.text());
      }
    } else throw new Unmirrored();
  }
  // An entry without a value gets a default that google-protobuf's map shares between entries: left to it.
  if (!dependencies) throw new Unmirrored();
  resource.getPropertydependenciesMap().set(key, dependencies);
}

function analyzeStackRequest(bytes: Buffer, context: Context): analyzerPbTypes.AnalyzeStackRequest {
  const resources: analyzerPbTypes.AnalyzerResource[] = [];
  const reader = new WireReader(bytes, 0, bytes.length);
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (field !== 1) {
      reader.skip(wireType);
      continue;
    }
    reader.expect(wireType, LENGTH_DELIMITED);
    resources.push(stackResource(reader.sub(), context));
  }
  const request = new context.analyzerPb.AnalyzeStackRequest();
  request.setResourcesList(resources);
  return request;
}

export function readAnalyzeRequest(bytes: Buffer, sdk: SdkMessages): analyzerPbTypes.AnalyzeRequest | undefined {
  return mirrored(() => analyzeRequest(bytes, { ...messages(sdk), shared: new Map() }));
}

export function readAnalyzeStackRequest(bytes: Buffer, sdk: SdkMessages): analyzerPbTypes.AnalyzeStackRequest | undefined {
  return mirrored(() => analyzeStackRequest(bytes, { ...messages(sdk), shared: new Map() }));
}
