import * as deserialize from "@pulumi/policy/deserialize";

type Deserialize = (struct: object, proxySecrets: boolean) => Record<string, unknown>;
const sdk = deserialize as unknown as { deserializeProperties: Deserialize };

/**
 * @pulumi/policy converts a resource's properties from protobuf once per policy (server.js calls
 * deserializeProperties(req.getProperties()) inside its loop over policies), so the pack's three policies pay
 * for it three times on every Analyze, and three times per resource at AnalyzeStack. A request's properties
 * Struct is one object (google-protobuf caches the wrapper), so the tree is memoized on it and every policy
 * reads the same plain tree, which the pack never mutates. This relies on the SDK's internal module, which
 * is why @pulumi/policy is pinned exactly; remediation calls (proxySecrets true) are left alone.
 */
export function shareDeserializedProperties(): void {
  const original = sdk.deserializeProperties;
  const trees = new WeakMap<object, Record<string, unknown>>();
  sdk.deserializeProperties = (struct, proxySecrets) => {
    if (proxySecrets) return original(struct, proxySecrets);
    let tree = trees.get(struct);
    if (!tree) trees.set(struct, (tree = original(struct, false)));
    return tree;
  };
}
