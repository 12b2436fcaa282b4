import { SECRET_SIG_KEY, SECRET_SIG_VALUE, UNKNOWN, isResourceReference, referenceForAnalyzer, secret } from "../harness/wireValues";

/**
 * Converts property values from the checkpoint form (`pulumi stack export`, `pulumi preview --json`)
 * to the wire form the engine sends to an analyzer:
 * - a secret is stored as { sig, ciphertext } or, with --show-secrets, { sig, plaintext: "<json>" };
 *   the engine would decrypt it, which needs the stack's secrets provider, so an encrypted value
 *   (and preview's blinded "[secret]") becomes a secret whose value is unknown;
 * - keys starting with "__" are engine-internal (`__defaults`, `__meta`) and are not sent, as the engine's
 *   SkipInternalKeys marshalling does;
 * - a resource reference becomes the resource's id (custom) or URN (component), as the engine marshals
 *   analyzer properties (see referenceForAnalyzer): @pulumi/policy cannot read the reference itself;
 * - other signatures (assets, archives) are already in wire form.
 */
function toWireValue(v: unknown): unknown {
  if (Array.isArray(v)) {
    return v.map(toWireValue);
  }
  if (typeof v !== "object" || v === null) {
    return v;
  }
  const o = v as Record<string, unknown>;
  if (isResourceReference(o)) {
    return referenceForAnalyzer(o);
  }
  if (SECRET_SIG_KEY in o) {
    if (o[SECRET_SIG_KEY] !== SECRET_SIG_VALUE) {
      return o;
    }
    if (typeof o.plaintext === "string") {
      let decoded: unknown;
      try {
        decoded = JSON.parse(o.plaintext);
      } catch {
        decoded = o.plaintext;
      }
      return secret(toWireValue(decoded));
    }
    if ("value" in o) {
      return secret(toWireValue(o.value));
    }
    return secret(UNKNOWN);
  }
  return toWireProperties(o);
}

export function toWireProperties(props: Record<string, unknown> | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props ?? {})) {
    if (!k.startsWith("__")) {
      result[k] = toWireValue(v);
    }
  }
  return result;
}
