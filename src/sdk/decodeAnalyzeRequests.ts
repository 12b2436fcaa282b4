import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type * as structPbTypes from "google-protobuf/google/protobuf/struct_pb";
import { DirectDecoder, SdkMessages, decodeDirectly } from "./directDecoding";
import { LENGTH_DELIMITED, Unmirrored, WireReader, mirrored, structValue } from "./structWire";

/*
 * @pulumi/policy's Analyze and AnalyzeStack decode each request with google-protobuf: one message object per
 * property value, most of it garbage a moment later, and gigabytes for one AnalyzeStack of a 50,000-resource
 * stack. The requests are read here straight from their bytes into the SDK's own message objects, so every
 * getter its server calls (server.js: makeAnalyzeRpcFun, makeAnalyzeStackRpcFun, getResourceOptions,
 * getProviderResource, getPropertyDependencies) works as before, except that each properties Struct holds only
 * its byte range and decodes it when the SDK first converts it. A field this reader does not know sends the
 * whole request to google-protobuf.
 */

type Struct = structPbTypes.Struct;
type PlainStruct = ReturnType<Struct["toJavaScript"]>;

/** What a resource, a stack's resource and a provider have alike: fields 1 to 4. */
interface NamedMessage {
  setType(value: string): unknown;
  setProperties(value?: Struct): unknown;
  setUrn(value: string): unknown;
  setName(value: string): unknown;
}

type ResourceMessage = analyzerPbTypes.AnalyzeRequest | analyzerPbTypes.AnalyzerResource;

/** The SDK's message classes, and its Struct class made lazy. */
interface Messages {
  analyzerPb: SdkMessages["analyzerPb"];
  LazyStruct: new (bytes: Buffer, start: number, end: number) => Struct;
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
 * itself, so a malformed Struct fails when it is read, which the SDK reports as a failing policy.
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
function resourceField(reader: WireReader, field: number, wireType: number, message: ResourceMessage, messages: Messages): boolean {
  if (namedField(reader, field, wireType, message, messages)) return true;
  if (field !== 5 && field !== 6) return false;
  reader.expect(wireType, LENGTH_DELIMITED);
  if (field === 5) message.setOptions(resourceOptions(reader, messages));
  else message.setProvider(provider(reader.sub(), messages));
  return true;
}

/** Small, and read by the SDK through many getters: google-protobuf decodes it. */
function resourceOptions(reader: WireReader, { analyzerPb }: Messages): analyzerPbTypes.AnalyzerResourceOptions {
  const [start, end] = reader.delimited();
  try {
    return analyzerPb.AnalyzerResourceOptions.deserializeBinary(reader.bytes.subarray(start, end));
  } catch {
    throw new Unmirrored();
  }
}

function provider(reader: WireReader, messages: Messages): analyzerPbTypes.AnalyzerProviderResource {
  const message = new messages.analyzerPb.AnalyzerProviderResource();
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (!namedField(reader, field, wireType, message, messages)) throw new Unmirrored();
  }
  return message;
}

function analyzeRequest(bytes: Buffer, messages: Messages): analyzerPbTypes.AnalyzeRequest {
  const request = new messages.analyzerPb.AnalyzeRequest();
  const reader = new WireReader(bytes, 0, bytes.length);
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (!resourceField(reader, field, wireType, request, messages)) throw new Unmirrored();
  }
  return request;
}

function stackResource(reader: WireReader, messages: Messages): analyzerPbTypes.AnalyzerResource {
  const resource = new messages.analyzerPb.AnalyzerResource();
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (resourceField(reader, field, wireType, resource, messages)) continue;
    reader.expect(wireType, LENGTH_DELIMITED);
    if (field === 7) resource.setParent(reader.text());
    else if (field === 8) resource.addDependencies(reader.text());
    else if (field === 9) propertyDependencies(reader.sub(), resource, messages);
    else throw new Unmirrored();
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
        value.expect(valueWireType, LENGTH_DELIMITED);
        if (valueField !== 1) throw new Unmirrored();
        dependencies.addUrns(value.text());
      }
    } else throw new Unmirrored();
  }
  // An entry without a value gets a default that google-protobuf's map shares between entries: left to it.
  if (!dependencies) throw new Unmirrored();
  resource.getPropertydependenciesMap().set(key, dependencies);
}

function analyzeStackRequest(bytes: Buffer, messages: Messages): analyzerPbTypes.AnalyzeStackRequest {
  const resources: analyzerPbTypes.AnalyzerResource[] = [];
  const reader = new WireReader(bytes, 0, bytes.length);
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (field !== 1) throw new Unmirrored();
    reader.expect(wireType, LENGTH_DELIMITED);
    resources.push(stackResource(reader.sub(), messages));
  }
  const request = new messages.analyzerPb.AnalyzeStackRequest();
  request.setResourcesList(resources);
  return request;
}

// The probe: every field the SDK reads set to something other than its default, properties of every kind.
const PROBE_PROPERTIES = {
  ami: "ami-0123456789abcdef0",
  count: 2.5,
  enabled: true,
  nothing: null,
  list: [1, "two", [], {}],
  nested: { userData: '{"image":"registry.example/app:1"}' },
};

function probeNamed(message: NamedMessage, kind: string, { structPb }: SdkMessages): void {
  message.setType(`probe:index:${kind}`);
  message.setProperties(structPb.Struct.fromJavaScript(PROBE_PROPERTIES));
  message.setUrn(`urn:pulumi:probe::probe::probe:index:${kind}::${kind}`);
  message.setName(kind);
}

function probeResource(message: ResourceMessage, sdk: SdkMessages): void {
  const { analyzerPb } = sdk;
  probeNamed(message, "Resource", sdk);
  const options = new analyzerPb.AnalyzerResourceOptions();
  options.setProtect(true);
  options.setIgnorechangesList(["tags"]);
  options.setDeletebeforereplace(true);
  options.setDeletebeforereplacedefined(true);
  options.setAdditionalsecretoutputsList(["password"]);
  options.setAliasesList(["urn:pulumi:probe::probe::probe:index:Resource::old"]);
  const timeouts = new analyzerPb.AnalyzerResourceOptions.CustomTimeouts();
  timeouts.setCreate(1.5);
  timeouts.setUpdate(2);
  timeouts.setDelete(3);
  options.setCustomtimeouts(timeouts);
  options.setParent("urn:pulumi:probe::probe::probe:index:Parent::parent");
  message.setOptions(options);
  const provider = new analyzerPb.AnalyzerProviderResource();
  probeNamed(provider, "Provider", sdk);
  message.setProvider(provider);
}

function readNamed(message: { getType(): string; getProperties(): Struct | undefined; getUrn(): string; getName(): string }) {
  return { type: message.getType(), properties: message.getProperties()?.toJavaScript(), urn: message.getUrn(), name: message.getName() };
}

/** As server.js reads a resource: getResourceOptions, getCustomTimeouts, getProviderResource. */
function readResource(message: ResourceMessage) {
  const options = message.getOptions();
  const timeouts = options?.getCustomtimeouts();
  const provider = message.getProvider();
  return {
    ...readNamed(message),
    options: options && {
      protect: options.getProtect(),
      ignoreChanges: options.getIgnorechangesList(),
      aliases: options.getAliasesList(),
      customTimeouts: [timeouts?.getCreate(), timeouts?.getUpdate(), timeouts?.getDelete()],
      additionalSecretOutputs: options.getAdditionalsecretoutputsList(),
      deleteBeforeReplaceDefined: options.getDeletebeforereplacedefined(),
      deleteBeforeReplace: options.getDeletebeforereplace(),
      parent: options.getParent(),
    },
    provider: provider && readNamed(provider),
  };
}

export const analyzeDecoder: DirectDecoder<analyzerPbTypes.AnalyzeRequest> = {
  method: "analyze",
  reliance: "Analyze deserializer",
  fallback: "each resource is decoded by google-protobuf, which is slower and reads the same",
  decode: (bytes, sdk) => mirrored(() => analyzeRequest(bytes, messages(sdk))),
  probe(sdk) {
    const request = new sdk.analyzerPb.AnalyzeRequest();
    probeResource(request, sdk);
    return request.serializeBinary();
  },
  read: readResource,
};

export const analyzeStackDecoder: DirectDecoder<analyzerPbTypes.AnalyzeStackRequest> = {
  method: "analyzeStack",
  reliance: "AnalyzeStack deserializer",
  fallback: "the stack's resources are decoded by google-protobuf, which is slower, takes more memory and reads the same",
  decode: (bytes, sdk) => mirrored(() => analyzeStackRequest(bytes, messages(sdk))),
  probe(sdk) {
    const { analyzerPb } = sdk;
    const resource = new analyzerPb.AnalyzerResource();
    probeResource(resource, sdk);
    resource.setParent("urn:pulumi:probe::probe::probe:index:Parent::parent");
    resource.setDependenciesList(["urn:pulumi:probe::probe::probe:index:Parent::parent", "urn:pulumi:probe::probe::probe:index:Other::other"]);
    const dependencies = new analyzerPb.AnalyzerPropertyDependencies();
    dependencies.setUrnsList(["urn:pulumi:probe::probe::probe:index:Other::other"]);
    resource.getPropertydependenciesMap().set("ami", dependencies);
    resource.getPropertydependenciesMap().set("count", new analyzerPb.AnalyzerPropertyDependencies());
    const request = new analyzerPb.AnalyzeStackRequest();
    request.setResourcesList([resource, new analyzerPb.AnalyzerResource()]);
    return request.serializeBinary();
  },
  read: (request) =>
    request.getResourcesList().map((resource) => ({
      ...readResource(resource),
      parent: resource.getParent(),
      dependencies: resource.getDependenciesList(),
      propertyDependencies: [...resource.getPropertydependenciesMap().entries()].map(([key, value]) => [key, value.getUrnsList()]),
    })),
};

export function decodeAnalyzeRequests(): void {
  decodeDirectly(analyzeDecoder);
  decodeDirectly(analyzeStackDecoder);
}
