import { UNKNOWN } from "../../src/harness/wireValues";
import { holdsUnknown } from "../../src/props/unknown";

// The stack pass at preview skips resources that hold no unknown, so every place an unknown can be must count.
describe("holdsUnknown", () => {
  it("finds an unknown value deep in the properties", () => {
    expect(holdsUnknown({ spec: { template: { spec: { containers: [{ name: "c", image: UNKNOWN }] } } } })).toBe(true);
  });

  it("finds an unknown inside a JSON document held by a string", () => {
    expect(holdsUnknown({ containerDefinitions: JSON.stringify([{ name: "c", image: UNKNOWN }]) })).toBe(true);
  });

  it("finds nothing in properties that are all known", () => {
    expect(holdsUnknown({ ami: "ami-0123456789abcdef0", tags: { Name: "web" }, ports: [80, 443], userData: "#!/bin/sh\necho 04da6b54\n" })).toBe(false);
  });
});
