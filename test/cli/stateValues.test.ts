import { toWireProperties } from "../../src/cli/stateValues";
import { SECRET_SIG_KEY, SECRET_SIG_VALUE, UNKNOWN, secret } from "../../src/harness/wireValues";

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

    it("keeps other signed values (resource references, assets) as they are", () => {
        const ref = { [SECRET_SIG_KEY]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:pulumi:dev::p::t::n", id: "i-1" };
        expect(toWireProperties({ role: ref })).toEqual({ role: ref });
    });
});
