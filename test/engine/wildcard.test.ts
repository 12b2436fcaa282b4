import { wildcardMatch } from "../../src/util/wildcard";

describe("wildcardMatch", () => {
  it("matches a literal pattern only against the same text", () => {
    expect(wildcardMatch("abc", "abc")).toBe(true);
    expect(wildcardMatch("abc", "abcd")).toBe(false);
  });

  it("lets * stand for any run of characters, including none", () => {
    expect(wildcardMatch("urn:*::web", "urn:pulumi:prod::app::aws:ec2/instance:Instance::web")).toBe(true);
    expect(wildcardMatch("a*b", "ab")).toBe(true);
  });

  it("does not let * match past the end of the pattern", () => {
    expect(wildcardMatch("*::web", "urn::web-2")).toBe(false);
  });

  it("stays fast on patterns built to backtrack", () => {
    const pattern = "*a".repeat(200) + "b";
    // Exponential matchers never return here; the linear one answers at once.
    expect(wildcardMatch(pattern, "a".repeat(5000))).toBe(false);
  });
});
