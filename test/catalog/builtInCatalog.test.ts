import Ajv from "ajv";
import { builtInCatalog } from "../../src/catalog/builtIn";
import catalogVersions from "../../src/catalog/catalogVersions.json";
import { catalogContentHash } from "../../src/catalog/contentHash";
import { vendorField } from "../../src/catalog/vendorDefinition";
import { parseInstant } from "../../src/util/instant";

describe("the built-in catalog", () => {
  it("has a version", () => {
    expect(builtInCatalog.version).toMatch(/^\d{4}\.\d{1,2}\.\d{1,2}$/);
  });

  it.each(builtInCatalog.vendors.map((v) => [v.id, v] as const))("entry %s satisfies the Vendor definition", (_id, vendor) => {
    const problems: string[] = [];
    vendorField.parse(vendor, "vendor", problems);
    expect(problems).toEqual([]);
  });

  it("validates against the JSON Schema derived from the Vendor definition", () => {
    const validate = new Ajv({ allErrors: true }).compile(vendorField.schema);
    const failures = builtInCatalog.vendors.filter((v) => !validate(v)).map((v) => v.id);
    expect(failures).toEqual([]);
  });

  it("has unique vendor ids", () => {
    const ids = builtInCatalog.vendors.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("encodes the Kaspersky determination's dates, with the EDT instant for updates", () => {
    const kaspersky = builtInCatalog.vendors.find((v) => v.id === "kaspersky")!;
    expect(kaspersky.windows.map((w) => [w.action, parseInstant(w.from)?.toISOString()])).toEqual([
      ["warn", "2024-06-24T00:00:00.000Z"],
      ["deny-new", "2024-07-20T00:00:00.000Z"],
      ["deny", "2024-09-29T04:00:00.000Z"],
    ]);
  });

  it("exempts Kaspersky's threat intelligence, security training and consulting", () => {
    const kaspersky = builtInCatalog.vendors.find((v) => v.id === "kaspersky")!;
    expect(kaspersky.exemptCategories).toEqual(["threat-intelligence", "security-training", "consulting-advisory"]);
  });

  it("cites the Federal Register for Kaspersky", () => {
    const kaspersky = builtInCatalog.vendors.find((v) => v.id === "kaspersky")!;
    expect(kaspersky.legalBasis[0].citation).toContain("89 FR 52434");
  });

  it("never identifies a vendor by a bare name substring", () => {
    const patterns = builtInCatalog.vendors.flatMap((v) => [v.identifiers, ...(v.products ?? []).map((p) => p.identifiers)]);
    const globs = patterns.flatMap((ids) => [...(ids.imageRepositories ?? []), ...(ids.registryHosts ?? []), ...(ids.amiNamePatterns ?? [])]);
    expect(globs.filter((g) => /^\*[^.]|[^/.]\*$/.test(g))).toEqual([]);
  });
});

describe("the built-in catalog's evidence", () => {
  const owners = builtInCatalog.vendors.flatMap((vendor) => [
    { name: vendor.id, identifiers: vendor.identifiers, sources: vendor.sources },
    ...(vendor.products ?? []).map((product) => ({ name: `${vendor.id} / ${product.name}`, identifiers: product.identifiers, sources: product.sources })),
  ]);

  it.each(owners.filter((owner) => Object.keys(owner.identifiers).length > 0).map((owner) => [owner.name, owner] as const))(
    "%s names a source for its identifiers",
    (_name, owner) => {
      expect(owner.sources?.length ?? 0).toBeGreaterThan(0);
    },
  );

  it("has no identifier without a source", () => {
    const unsourced = owners.filter((owner) => Object.keys(owner.identifiers).length > 0 && !owner.sources?.length).map((owner) => owner.name);
    expect(unsourced).toEqual([]);
  });

  it("dates every source on or before the catalog's version", () => {
    const versionDay = builtInCatalog.version
      .split(".")
      .map((part) => part.padStart(2, "0"))
      .join("-");
    const late = owners.flatMap((owner) => owner.sources ?? []).filter((source) => source.checked > versionDay);
    expect(late).toEqual([]);
  });
});

describe("the built-in catalog's version", () => {
  const history = catalogVersions as Array<{ version: string; contentHash: string }>;

  it("records the hash of its content", () => {
    // A failure here means the vendors changed: give the catalog a new version, set contentHash to the value
    // received, and append { version, contentHash } to src/catalog/catalogVersions.json.
    expect(catalogContentHash(builtInCatalog.vendors)).toBe(builtInCatalog.contentHash);
  });

  it("is the latest entry of the version history", () => {
    expect(history[history.length - 1]).toEqual({ version: builtInCatalog.version, contentHash: builtInCatalog.contentHash });
  });

  it("never gives two contents the same version, nor one content two versions", () => {
    expect(new Set(history.map((entry) => entry.version)).size).toBe(history.length);
    expect(new Set(history.map((entry) => entry.contentHash)).size).toBe(history.length);
  });

  it("changes its hash when any vendor changes, even only a note", () => {
    const edited = builtInCatalog.vendors.map((vendor, i) => (i === 0 ? { ...vendor, notes: `${vendor.notes} (edited)` } : vendor));
    expect(catalogContentHash(edited)).not.toBe(builtInCatalog.contentHash);
  });
});
