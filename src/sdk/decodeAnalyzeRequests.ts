import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type * as structPbTypes from "google-protobuf/google/protobuf/struct_pb";
import { MESSAGE_GETTERS, NamedMessage, ResourceMessage, readAnalyzeRequest, readAnalyzeStackRequest } from "./analyzeRequestWire";
import { DirectDecoder, SdkMessages, decodeDirectly } from "./directDecoding";

/*
 * @pulumi/policy's Analyze and AnalyzeStack decode each request with google-protobuf: one message object per
 * property value, most of it garbage a moment later, and gigabytes for one AnalyzeStack of a 50,000-resource
 * stack. The pack reads them straight from their bytes (analyzeRequestWire.ts) into the SDK's own message
 * objects, so every getter its server calls (server.js: makeAnalyzeRpcFun, makeAnalyzeStackRpcFun,
 * getResourceOptions, getProviderResource, getPropertyDependencies) works as before; the probes below hold the
 * reader to google-protobuf through exactly those getters.
 */

type Struct = structPbTypes.Struct;

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

/**
 * The reader skips field numbers it does not know, as google-protobuf skips fields its messages do not define;
 * that reads the same only while the SDK's messages define exactly the fields the reader fills.
 */
export function messageShapeProblem({ analyzerPb }: SdkMessages): string | undefined {
  for (const [name, expected] of Object.entries(MESSAGE_GETTERS)) {
    const message = (analyzerPb as unknown as Record<string, { prototype: object } | undefined>)[name];
    if (!message) return `the SDK has no ${name} message`;
    const getters = Object.getOwnPropertyNames(message.prototype).filter((key) => /^get[A-Z]/.test(key));
    const unread = getters.filter((getter) => !expected.includes(getter));
    if (unread.length > 0) return `the SDK's ${name} has fields the reader does not fill (${unread.join(", ")})`;
  }
  return undefined;
}

export const analyzeDecoder: DirectDecoder<analyzerPbTypes.AnalyzeRequest> = {
  method: "analyze",
  reliance: "Analyze deserializer",
  fallback: "each resource is decoded by google-protobuf, which is slower and reads the same",
  decode: readAnalyzeRequest,
  probe(sdk) {
    const request = new sdk.analyzerPb.AnalyzeRequest();
    probeResource(request, sdk);
    return request.serializeBinary();
  },
  read: readResource,
  shapeProblem: messageShapeProblem,
};

export const analyzeStackDecoder: DirectDecoder<analyzerPbTypes.AnalyzeStackRequest> = {
  method: "analyzeStack",
  reliance: "AnalyzeStack deserializer",
  fallback: "the stack's resources are decoded by google-protobuf, which is slower, takes more memory and reads the same",
  decode: readAnalyzeStackRequest,
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
  shapeProblem: messageShapeProblem,
};

export function decodeAnalyzeRequests(): void {
  decodeDirectly(analyzeDecoder);
  decodeDirectly(analyzeStackDecoder);
}
