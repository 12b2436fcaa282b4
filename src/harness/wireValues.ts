/**
 * Pulumi's wire encoding of property values, as the engine sends them to an analyzer
 * (google.protobuf.Struct with these sentinels). Tests and fixtures build real shapes
 * with these helpers rather than hand-writing magic strings.
 */

export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** An unknown (computed) value during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

interface WireSecret<T = unknown> {
  [SECRET_SIG_KEY]: typeof SECRET_SIG_VALUE;
  value: T;
}

export function secret<T>(value: T): WireSecret<T> {
  return { [SECRET_SIG_KEY]: SECRET_SIG_VALUE, value } as WireSecret<T>;
}

export function isWireSecret(v: unknown): v is WireSecret {
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG_VALUE;
}

export function isUnknown(v: unknown): boolean {
  return v === UNKNOWN;
}

/** The SDK's signature for a resource passed as an input (sdk/nodejs/runtime/rpc.ts, specialResourceSig). */
export const RESOURCE_REFERENCE_SIG_VALUE = "5cf8f73096256a8f31e491e813e4eb8e";

type WireObject = Record<string, unknown>;

export function isResourceReference(v: WireObject): boolean {
  return v[SECRET_SIG_KEY] === RESOURCE_REFERENCE_SIG_VALUE;
}

/**
 * A resource reference as the engine sends it to an analyzer. The engine registers inputs keeping
 * resource references (pkg/resource/deploy/source_eval.go, RegisterResource: KeepResources), but marshals
 * analyzer properties without KeepResources (pkg/resource/plugin/analyzer_plugin.go, Analyze and
 * AnalyzeStack: MarshalOptions{KeepUnknowns, KeepSecrets, SkipInternalKeys}). MarshalPropertyValue
 * (pkg/resource/plugin/rpc.go, IsResourceReference) then sends a custom resource's id and a component's
 * URN. An id the SDK sent as unknown or empty was unmarshalled as computed (UnmarshalPropertyValue,
 * ResourceReferenceSig), so during preview a resource not yet created arrives as an unknown.
 * Checked against pulumi/pulumi 1b5949891b3cefcb9974752b24a5ecef0acc86c8.
 */
export function referenceForAnalyzer(ref: WireObject): unknown {
  if (!("id" in ref)) {
    return ref.urn;
  }
  return ref.id === "" || ref.id === UNKNOWN ? UNKNOWN : ref.id;
}

function valueForAnalyzer(v: unknown): unknown {
  if (Array.isArray(v)) {
    return v.map(valueForAnalyzer);
  }
  if (typeof v !== "object" || v === null) {
    return v;
  }
  if (isResourceReference(v as WireObject)) {
    return referenceForAnalyzer(v as WireObject);
  }
  return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, valueForAnalyzer(e)]));
}

/** Properties as the engine marshals them for an analyzer from what the SDK registered (see referenceForAnalyzer). */
export function analyzerProperties(registered: Record<string, unknown>): Record<string, unknown> {
  return valueForAnalyzer(registered) as Record<string, unknown>;
}

export function urnFor(type: string, name: string, stack = "dev", project = "example"): string {
  return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}
