import { HostGlobIndex, PathSuffixIndex, PrefixGlobIndex, SegmentGlobIndex } from "../../src/match/patternIndexes";

const hosts = (patterns: string[], value: string) => {
  const index = new HostGlobIndex<string>();
  patterns.forEach((p) => index.add(p, p));
  return index.lookup(value).map((hit) => hit.pattern);
};

const repositories = (patterns: string[], value: string) => {
  const index = new SegmentGlobIndex<string>();
  patterns.forEach((p) => index.add(p, p));
  return index.lookup(value).map((hit) => hit.pattern);
};

describe("HostGlobIndex", () => {
  it("matches an exact host", () => {
    expect(hosts(["repo.kcs.kaspersky.com"], "repo.kcs.kaspersky.com")).toEqual(["repo.kcs.kaspersky.com"]);
  });

  it("does not match a host that merely starts with the pattern", () => {
    expect(hosts(["repo.kcs.kaspersky.com"], "repo.kcs.kaspersky.com.evil.io")).toEqual([]);
  });

  it("matches an exact host on any port when the pattern has none", () => {
    expect(hosts(["repo.kcs.kaspersky.com"], "repo.kcs.kaspersky.com:5000")).toEqual(["repo.kcs.kaspersky.com"]);
  });

  it("matches sub-domains of a *. pattern at any depth", () => {
    expect(hosts(["*.kaspersky.com"], "a.b.kaspersky.com")).toEqual(["*.kaspersky.com"]);
  });

  it("does not match a *. pattern against a host that only ends with the same letters", () => {
    expect(hosts(["*.kaspersky.com"], "notkaspersky.com")).toEqual([]);
  });

  it("does not match a *. pattern against its apex", () => {
    expect(hosts(["*.kaspersky.com"], "kaspersky.com")).toEqual([]);
  });

  it("matches a * label in the middle against exactly one label", () => {
    expect(hosts(["swr.*.myhuaweicloud.com"], "swr.ap-southeast-1.myhuaweicloud.com")).toHaveLength(1);
    expect(hosts(["swr.*.myhuaweicloud.com"], "swr.a.b.myhuaweicloud.com")).toEqual([]);
  });

  it("compares hosts case-insensitively", () => {
    expect(hosts(["repo.kcs.kaspersky.com"], "REPO.KCS.Kaspersky.COM")).toHaveLength(1);
  });
});

describe("SegmentGlobIndex", () => {
  it("matches * against exactly one path segment", () => {
    expect(repositories(["docker.io/vendor/*"], "docker.io/vendor/agent")).toHaveLength(1);
    expect(repositories(["docker.io/vendor/*"], "docker.io/vendor/a/b")).toEqual([]);
  });

  it("matches ** against any number of segments", () => {
    expect(repositories(["docker.io/vendor/**"], "docker.io/vendor/a/b/c")).toHaveLength(1);
  });

  it("does not match a namespace that only starts with the pattern's segment", () => {
    expect(repositories(["docker.io/vendor/*"], "docker.io/vendor-fan/x")).toEqual([]);
  });

  it("matches a * inside a segment within that segment only", () => {
    expect(repositories(["quay.io/acme/kcs-*"], "quay.io/acme/kcs-scanner")).toHaveLength(1);
    expect(repositories(["quay.io/acme/kcs-*"], "quay.io/acme/kcs-scanner/x")).toEqual([]);
  });

  it("treats thousands of consecutive ** as one", () => {
    expect(repositories(["**/".repeat(10_000) + "deep"], "h.io/a/deep")).toHaveLength(1);
  });

  it("stays fast with many ** segments against a long path", () => {
    const pattern = Array(30).fill("**").join("/") + "/never";
    const path = Array(200).fill("seg").join("/");
    expect(repositories([pattern], path)).toEqual([]);
  });
});

describe("PrefixGlobIndex", () => {
  it("finds a pattern by its literal prefix and checks the rest", () => {
    const index = new PrefixGlobIndex<string>();
    index.add("example-endpoint-*-x86_64", "a");
    index.add("other-*", "b");
    expect(index.lookup("example-endpoint-12.1-x86_64").map((h) => h.owner)).toEqual(["a"]);
    expect(index.lookup("example-endpoint-12.1-arm64")).toEqual([]);
  });

  it("tests patterns that start with * against every name", () => {
    const index = new PrefixGlobIndex<string>();
    index.add("*-endpoint-*", "a");
    expect(index.lookup("any-endpoint-1")).toHaveLength(1);
  });
});

describe("PathSuffixIndex", () => {
  const paths = (patterns: string[], value: string) => {
    const index = new PathSuffixIndex<string>();
    patterns.forEach((p) => index.add(p, p));
    return index.lookup(value).map((hit) => hit.pattern);
  };

  it("matches the path under the registry it was loaded as", () => {
    expect(paths(["vendor/scanner"], "docker.io/vendor/scanner")).toEqual(["vendor/scanner"]);
  });

  it("matches the path under any other registry host, with a port", () => {
    expect(paths(["vendor/scanner"], "harbor.corp.example:8443/vendor/scanner")).toEqual(["vendor/scanner"]);
  });

  it("matches the path as the last segments of a longer path", () => {
    expect(paths(["vendor/scanner"], "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/vendor/scanner")).toEqual(["vendor/scanner"]);
  });

  it("is case-insensitive", () => {
    expect(paths(["Vendor/Scanner"], "registry.example/vendor/scanner")).toEqual(["vendor/scanner"]);
  });

  it.each(["docker.io/vendorx/scanner", "docker.io/vendor/scanner-lite", "docker.io/vendor/scanner/plugins", "docker.io/xvendor/scanner", "vendor/scanner"])(
    "does not match %s",
    (value) => {
      expect(paths(["vendor/scanner"], value)).toEqual([]);
    },
  );
});
