import { exampleVendor } from "../support/settings";

type TableModule = typeof import("../../src/catalog/identifierFamilyTable");

const TABLE = "../../src/catalog/identifierFamilyTable";

/** The row a new family would add to the table; nothing else is written for it anywhere. */
const madeUpFamily = {
  fact: "exampleTokens",
  index: "exact",
  pattern: /^tok-\d+$/,
  patternHint: "a token such as tok-1",
  label: "example token",
  description: "Made-up tokens of this test",
} as const;

/** The pack's modules as they load with the family table extended by one row. */
function withMadeUpFamily(row: Record<string, unknown> = madeUpFamily) {
  let modules!: {
    settings: typeof import("../../src/config/settings");
    definition: typeof import("../../src/config/definition");
    wording: typeof import("../../src/report/wording");
    imageSource: typeof import("../../src/extract/container/imageSource");
  };
  jest.isolateModules(() => {
    jest.doMock(TABLE, () => {
      const actual = jest.requireActual<TableModule>(TABLE);
      return { ...actual, IDENTIFIER_FAMILIES: { ...actual.IDENTIFIER_FAMILIES, exampleTokens: row } };
    });
    /* eslint-disable @typescript-eslint/no-require-imports -- modules loaded again, after the mocked table */
    modules = {
      settings: require("../../src/config/settings"),
      definition: require("../../src/config/definition"),
      wording: require("../../src/report/wording"),
      imageSource: require("../../src/extract/container/imageSource"),
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
  jest.dontMock(TABLE);
  return modules;
}

const vendorWithTokens = (tokens: string[]) => ({ ...exampleVendor, identifiers: { exampleTokens: tokens } });
const emptyCatalog = { version: "2026.11.29", vendors: [] };

describe("a new identifier family is one row of the family table", () => {
  it("is unknown to the pack without its row: the config names the key", () => {
    const { compileSettings } = jest.requireActual<typeof import("../../src/config/settings")>("../../src/config/settings");
    const result = compileSettings({ additionalVendors: [vendorWithTokens(["tok-1"])] }, emptyCatalog);
    expect(result.ok ? [] : result.problems).toEqual([expect.stringContaining('config.additionalVendors[0].identifiers has unknown key "exampleTokens"')]);
  });

  it("flows into the config schema Pulumi shows, with its description and pattern", () => {
    const { definition } = withMadeUpFamily();
    const additionalVendors = definition.policyConfigDefinition.schema.properties!.additionalVendors as {
      items: { properties: Record<string, { properties: Record<string, unknown> }> };
    };
    const vendorSchema = additionalVendors.items;
    expect(vendorSchema.properties.identifiers.properties.exampleTokens).toEqual({
      type: "array",
      items: { type: "string", pattern: "^tok-\\d+$", minLength: 1 },
      description: "Made-up tokens of this test",
    });
  });

  it("flows into config validation, which names a value of the wrong shape by the family's hint", () => {
    const { settings } = withMadeUpFamily();
    const result = settings.compileSettings({ additionalVendors: [vendorWithTokens(["token"])] }, emptyCatalog);
    expect(result.ok ? [] : result.problems).toEqual(['config.additionalVendors[0].identifiers.exampleTokens[0] "token" is not a token such as tok-1']);
  });

  it("flows into the catalog index, which matches the family's fact", () => {
    const { settings } = withMadeUpFamily();
    const result = settings.compileSettings({ additionalVendors: [vendorWithTokens(["tok-1"])] }, emptyCatalog);
    if (!result.ok) throw new Error(result.problems.join("\n"));
    const facts = { exampleTokens: ["tok-1"] } as Record<string, string[]>;
    expect(result.settings.index.lookup(facts).map((hit) => [hit.owner.vendor.id, hit.identifier, hit.pattern])).toEqual([
      [exampleVendor.id, "exampleTokens", "tok-1"],
    ]);
  });

  it("flows into the labels of findings' matched lines", () => {
    const { wording } = withMadeUpFamily();
    expect((wording.IDENTIFIER_LABEL as Record<string, string>).exampleTokens).toBe("example token");
  });

  it("flows into what an image unknown during preview could match, when it is matched against an image's fact", () => {
    const { imageSource } = withMadeUpFamily({ ...madeUpFamily, fact: "registryHosts", index: "host-glob" });
    expect(imageSource.IMAGE_COULD_MATCH).toContain("exampleTokens");
    expect(withMadeUpFamily().imageSource.IMAGE_COULD_MATCH).not.toContain("exampleTokens");
  });
});
