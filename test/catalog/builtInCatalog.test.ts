import Ajv from "ajv";
import { builtInCatalog } from "../../src/catalog/builtIn";
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
