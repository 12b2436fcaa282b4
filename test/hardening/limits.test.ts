import { containerImageScope } from "../../policies/containerImage";
import { builtInCatalog } from "../../src/catalog/builtIn";
import { compileSettings } from "../../src/config/settings";
import { evaluateResource } from "../../src/evaluate/evaluateResource";
import { LIMITS, ScanLimits } from "../../src/extract/limits";
import { quotable, withoutCredentials } from "../../src/extract/quote";
import { resolverFor } from "../../src/resolve/resolverFor";
import { DENY_DATE, KCS_IMAGE } from "./support";

describe("quotable: what a 'could not check' message may show of a value", () => {
  it.each([
    ["only the first word of a command line", "repo.kcs.kaspersky.com/kcs/scanner:2.0 --token=s3cr3t", "repo.kcs.kaspersky.com/kcs/scanner:2.0 …"],
    ["a URL without user info, query or fragment", "https://ci:s3cr3t@bad_host!/charts?sig=s3cr3t#s3cr3t", "https://bad_host!/charts"],
    ["an unrendered template expression whole", "{{ .Values.image }}", "{{ .Values.image }}"],
    ["a long word clipped to 80 characters", "x".repeat(200), `${"x".repeat(80)}…`],
  ])("%s", (_case, value, shown) => {
    expect(quotable(value)).toBe(shown);
  });
});

describe("withoutCredentials", () => {
  it.each([
    ["user info before a host with a path", "deploy:s3cr3t@repo.example.com/install.sh", "repo.example.com/install.sh"],
    ["an image digest, which is not user info", "nginx@sha256:0123456789abcdef0123456789abcdef", "nginx@sha256:0123456789abcdef0123456789abcdef"],
    ["a digest after a path", "repo.example.com/app@sha256:0123456789abcdef0123456789abcdef", "repo.example.com/app@sha256:0123456789abcdef0123456789abcdef"],
  ])("keeps or drops %s", (_case, text, kept) => {
    expect(withoutCredentials(text)).toBe(kept);
  });
});

describe("the text budget", () => {
  it("cuts at the end of a word, so that a lookalike host is not shortened into a restricted one", () => {
    const lookalike = "repo.kcs.kaspersky.com.evil.io/kcs/x";
    const padding = "a ".repeat((LIMITS.textChars - 20) / 2);
    const scanned = new ScanLimits().text("userData", `${padding}${lookalike} tail`);
    expect(scanned).toBe(padding.trimEnd());
  });

  it("reports what it did not scan, once per resource", () => {
    const limits = new ScanLimits();
    limits.text("a", "x ".repeat(LIMITS.textChars / 2));
    limits.text("b", "more text");
    expect(limits.findings()).toEqual([
      expect.objectContaining({ kind: "unparseable", path: "b", value: "(9 characters in 1 string not scanned)", limit: true }),
    ]);
  });
});

describe("the text budget of the scan of all strings", () => {
  const scanned = async (props: Record<string, unknown>) => {
    const compiled = compileSettings({ asOf: DENY_DATE }, builtInCatalog);
    if (!compiled.ok) throw new Error(compiled.problems.join("; "));
    const resource = { type: "example:index:Blob", urn: "urn:pulumi:dev::p::example:index:Blob::b", name: "b", props };
    const findings = await evaluateResource(resource, containerImageScope, compiled.settings, resolverFor(compiled.settings), "update");
    return findings.map((f) => [f.level, f.message.split(":")[0]]);
  };

  it("is not spent on strings without a '/', which cannot hold a registry host", async () => {
    expect(await scanned({ blob: "x ".repeat(LIMITS.textChars), later: `pull ${KCS_IMAGE}` })).toEqual([["mandatory", "Blocked"]]);
  });

  it("is spent on strings with a '/', and what it leaves unscanned is reported", async () => {
    expect(await scanned({ blob: "a/b ".repeat(LIMITS.textChars / 4), later: `pull ${KCS_IMAGE}` })).toEqual([["advisory", "Could not check everything"]]);
  });
});

describe("deep nesting in-process, past what the SDK would decode", () => {
  it.each([10_000, 100_000])("a tree %i levels deep: no stack overflow, and the unscanned depth is reported", async (depth) => {
    let deep: unknown = `pull ${KCS_IMAGE}`;
    for (let i = 0; i < depth; i++) deep = i % 2 ? { next: deep } : [deep];
    const compiled = compileSettings({ asOf: DENY_DATE }, builtInCatalog);
    if (!compiled.ok) throw new Error(compiled.problems.join("; "));
    const resource = { type: "example:index:Tree", urn: "urn:pulumi:dev::p::example:index:Tree::t", name: "t", props: { deep, near: `pull ${KCS_IMAGE}` } };
    const findings = await evaluateResource(resource, containerImageScope, compiled.settings, resolverFor(compiled.settings), "update");
    expect(findings.map((f) => [f.level, f.message.split(":")[0]])).toEqual([
      ["advisory", "Could not check everything"],
      ["mandatory", "Blocked"],
    ]);
  });
});
