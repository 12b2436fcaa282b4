import { toWireProperties } from "../../src/cli/stateValues";
import { RESOURCE_REFERENCE_SIG_VALUE, SECRET_SIG_KEY, SECRET_SIG_VALUE, UNKNOWN, secret } from "../../src/harness/wireValues";

describe("checkpoint values converted to the analyzer's wire form", () => {
  it("turns a --show-secrets plaintext secret into a secret with its decoded value", () => {
    expect(toWireProperties({ password: { [SECRET_SIG_KEY]: SECRET_SIG_VALUE, plaintext: '{"a":[1]}' } })).toEqual({ password: secret({ a: [1] }) });
  });

  it("turns an encrypted secret into a secret whose value is unknown", () => {
    expect(toWireProperties({ password: { [SECRET_SIG_KEY]: SECRET_SIG_VALUE, ciphertext: "v1:abc" } })).toEqual({ password: secret(UNKNOWN) });
  });

  it("drops engine-internal keys at every depth", () => {
    expect(toWireProperties({ __defaults: ["x"], tags: { __meta: "m", Name: "web" } })).toEqual({ tags: { Name: "web" } });
  });

  it("sends a custom resource's reference as its id, as the engine does for analyzers", () => {
    const ref = { [SECRET_SIG_KEY]: RESOURCE_REFERENCE_SIG_VALUE, urn: "urn:pulumi:dev::p::t::n", id: "i-1", packageVersion: "7.0.0" };
    expect(toWireProperties({ role: ref })).toEqual({ role: "i-1" });
  });

  it("sends a component's reference as its URN", () => {
    const ref = { [SECRET_SIG_KEY]: RESOURCE_REFERENCE_SIG_VALUE, urn: "urn:pulumi:dev::p::my:index:Component::c" };
    expect(toWireProperties({ parentComponent: ref })).toEqual({ parentComponent: "urn:pulumi:dev::p::my:index:Component::c" });
  });

  it("keeps other signed values (assets) as they are", () => {
    const asset = { [SECRET_SIG_KEY]: "c44067f5952c0a294b673a41bacd8c17", text: "hello" };
    expect(toWireProperties({ code: asset })).toEqual({ code: asset });
  });
});
