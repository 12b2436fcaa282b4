import fc from "fast-check";
import { wildcardMatch } from "../../src/util/wildcard";
import { KCS_IMAGE, blocked, testVendor, useHardeningPack } from "./support";

/** Globs come from config and the catalog, texts from resources: the matchers must stay linear on both. */
describe("wildcardMatch (grandfathered, exemption URNs, AMI name patterns, host labels)", () => {
  const oracle = (pattern: string, text: string) =>
    new RegExp(
      `^${pattern
        .split("*")
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
      "s",
    ).test(text);

  it("agrees with a regular expression on small patterns (fast-check, fixed seed)", () => {
    const over = (alphabet: string[], maxLength: number) => fc.array(fc.constantFrom(...alphabet), { maxLength }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(over(["a", "b", "*"], 8), over(["a", "b"], 12), (pattern, text) => {
        expect(wildcardMatch(pattern, text)).toBe(oracle(pattern, text));
      }),
      { seed: 20240720, numRuns: 2_000 },
    );
  });

  it.each([
    ["one star before a long literal that almost matches everywhere", `*${"a".repeat(20_000)}b`, "a".repeat(2_000_000), false],
    ["ten thousand stars, each before the same letter", `${"*a".repeat(10_000)}*`, "a".repeat(2_000_000), true],
    ["ten thousand stars that cannot all be satisfied", `${"*a".repeat(10_000)}*b`, "a".repeat(2_000_000), false],
  ])("%s", (_case, pattern, text, expected) => {
    expect(wildcardMatch(pattern, text)).toBe(expected);
  });
});

describe("pathological config patterns through the pack", () => {
  const { configure, analyze } = useHardeningPack();
  const pod = (image: string) => ({ spec: { containers: [{ name: "c", image }] } });
  const headline = (diagnostics: Array<{ message: string }>) => diagnostics.map((d) => d.message.split("\n")[0]);

  describe("grandfathered and exemption URN globs against a 200,000-character URN", () => {
    const longName = "a".repeat(200_000);

    beforeAll(() =>
      configure({
        asOf: "2024-08-01",
        grandfathered: [`*${"a".repeat(5_000)}b`, `*${"a*".repeat(3_000)}`],
        exemptions: [{ vendor: "kaspersky", urn: `*${"b*".repeat(3_000)}c`, reason: "never matches", expires: "2030-01-01" }],
      }),
    );

    it("grandfathers the resource the many-star pattern matches", async () => {
      expect(headline(await analyze("kubernetes:core/v1:Pod", pod(KCS_IMAGE), longName))).toEqual([
        expect.stringMatching(/^Allowed for now: .* grandfathered until 2024-09-29T04:00:00Z\.$/),
      ]);
    });

    it("blocks a resource no pattern matches", async () => {
      expect(headline(blocked(await analyze("kubernetes:core/v1:Pod", pod(KCS_IMAGE), "b".repeat(200_000))))).toHaveLength(1);
    });
  });

  describe("catalog globs with a thousand wildcards", () => {
    const globVendor = {
      ...testVendor,
      id: "glob-vendor",
      identifiers: {
        imageRepositories: [`${"**/".repeat(1_000)}deep`],
        registryHosts: [`${"*.".repeat(100)}example.org`, `${"a*".repeat(60)}b.example.net`],
        amiNamePatterns: [`*${"x".repeat(3_000)}y`, "*endpoint*"],
      },
    };
    const longAmiName = "x".repeat(100_000);

    beforeAll(() =>
      configure({
        additionalVendors: [testVendor, globVendor],
        amiInventory: {
          Images: [
            { ImageId: "ami-0bbbbbbbbbbbbbbbb", OwnerId: "123456789012", Name: longAmiName },
            { ImageId: "ami-0ccccccccccccccc0", OwnerId: "123456789012", Name: `${"x".repeat(50_000)} endpoint 2024` },
          ],
        },
      }),
    );

    it.each([
      ["a repository of 100 segments ending in the literal segment", `registry.example.com/${"a/".repeat(100)}deep:1`, 1],
      ["a repository of 100 segments ending in another segment", `registry.example.com/${"a/".repeat(100)}deeper:1`, 0],
      ["a host of 120 labels under the many-label glob", `${"a.".repeat(120)}example.org/x:1`, 1],
      ["a host of 99 labels, one too few", `${"a.".repeat(99)}example.org/x:1`, 0],
      ["a long label against a many-star label glob", `${"a".repeat(200)}b.example.net/x:1`, 1],
    ])("%s", async (_case, image, count) => {
      expect(blocked(await analyze("kubernetes:core/v1:Pod", pod(image)))).toHaveLength(count);
    });

    it.each([
      ["a 100,000-character AMI name against a long-literal pattern", "ami-0bbbbbbbbbbbbbbbb", 0],
      ["a long AMI name that contains the short pattern's word", "ami-0ccccccccccccccc0", 1],
    ])("%s", async (_case, ami, count) => {
      expect(blocked(await analyze("aws:ec2/instance:Instance", { ami }))).toHaveLength(count);
    });
  });

  describe("a pull-through cache whose registry glob is 500 stars in one label", () => {
    beforeAll(() =>
      configure({ pullThroughCaches: [{ registry: `${"*".repeat(500)}.dkr.ecr.us-east-1.amazonaws.com`, prefix: "hub", upstream: "registry-1.docker.io" }] }),
    );

    it("maps an image under the cache to its upstream", async () => {
      const diagnostics = blocked(await analyze("kubernetes:core/v1:Pod", pod("123456789012.dkr.ecr.us-east-1.amazonaws.com/hub/examplevendor/agent:7")));
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0].message).toContain("pulled through the cache of pullThroughCaches[0]");
    });
  });
});
