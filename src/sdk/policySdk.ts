import { isDeepStrictEqual, types } from "util";
import { ReportViolation } from "@pulumi/policy";
import * as deserialize from "@pulumi/policy/deserialize";
import { Finding } from "../report/finding";
import { warnOnce } from "./warnOnce";

export { decodeConfigureOnce } from "./decodeConfigureOnce";
export { decodeAnalyzeRequests } from "./decodeAnalyzeRequests";

/**
 * Everything the pack relies on in @pulumi/policy beyond its documented API, in one place, each guarded so that an
 * SDK upgrade that changes it makes the pack slower or noisier, never silently laxer. @pulumi/policy is pinned
 * exactly, and test/harness/sdkContract.test.ts holds each reliance to the real pack process.
 */

type Deserialize = (struct: object, proxySecrets: boolean) => Record<string, unknown>;
const sdk = deserialize as unknown as { deserializeProperties?: Deserialize };

const PROBE_PROPERTIES = { probe: "value" };

/**
 * @pulumi/policy converts a resource's properties from protobuf once per policy (server.js calls
 * deserializeProperties(req.getProperties()) inside its loop over policies), so the pack's three policies pay
 * for it three times on every Analyze, and three times per resource at AnalyzeStack. A request's properties
 * Struct is one object (google-protobuf caches the wrapper), so the tree is memoized on it and every policy
 * reads the same plain tree, which the pack never mutates. Remediation calls (proxySecrets true) are left alone.
 * Only a function that converts a probe Struct to its plain properties is patched.
 */
export function shareDeserializedProperties(): void {
  const original = sdk.deserializeProperties;
  const unpatched = (problem: string) =>
    warnOnce("deserializeProperties", problem, "each policy converts the properties itself, which is slower and checks the same");
  if (typeof original !== "function") return unpatched("it is missing");
  let probed: unknown;
  try {
    probed = original({ toJavaScript: () => ({ ...PROBE_PROPERTIES }) }, false);
  } catch (e) {
    return unpatched(`a probe conversion threw: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (types.isProxy(probed) || !isDeepStrictEqual(probed, PROBE_PROPERTIES)) return unpatched("a probe conversion did not return plain properties");
  const trees = new WeakMap<object, Record<string, unknown>>();
  sdk.deserializeProperties = (struct, proxySecrets) => {
    if (proxySecrets) return original(struct, proxySecrets);
    let tree = trees.get(struct);
    if (!tree) trees.set(struct, (tree = original(struct, false)));
    return tree;
  };
}

// The SDK's proxy answers these two keys (@pulumi/policy proxy.js); its typings omit them as internal.
const IS_SPECIAL_PROXY = "__isSpecialProxy";
const SPECIAL_PROXY_TARGET = "__getSpecialProxyTarget";

/**
 * The plain property tree behind the SDK's unknown-checking proxy. The proxy throws when a policy touches an
 * unknown value, which would turn "could not check" into an advisory the SDK writes for us; the pack reads the
 * raw values instead and decides itself how to fail closed.
 */
export function rawProperties(props: Record<string, unknown>): Record<string, unknown> {
  if (!types.isProxy(props)) return props;
  const target = proxyTarget(props);
  if (typeof target === "object" && target !== null && !types.isProxy(target)) return target as Record<string, unknown>;
  warnOnce("unknown-checking proxy", "it no longer hands out its target", "the properties are read through their descriptors instead");
  // The proxy traps only reads: a property's descriptor holds the raw value, and nested values are not proxied.
  return Object.fromEntries(Object.keys(props).map((key) => [key, Object.getOwnPropertyDescriptor(props, key)?.value]));
}

function proxyTarget(props: Record<string, unknown>): unknown {
  try {
    return props[IS_SPECIAL_PROXY] === true ? props[SPECIAL_PROXY_TARGET] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reports a finding with the SDK's object form of reportViolation (undocumented), which lets a diagnostic carry
 * its own level. A mandatory finding omits the level, so the level the policy is configured at applies; an
 * advisory one is always advisory. A window can therefore only ever lower the configured level: an audit group
 * (advisory) never receives a mandatory diagnostic.
 */
export function reportFinding(reportViolation: ReportViolation, finding: Finding, urn?: string): void {
  const violation: { message: string; urn?: string; enforcementLevel?: "advisory" } = { message: finding.message };
  if (urn) violation.urn = urn;
  if (finding.level === "advisory") violation.enforcementLevel = "advisory";
  (reportViolation as unknown as (v: typeof violation) => void)(violation);
}
