import * as fs from "fs";
import * as path from "path";
import { generatedDocs, REPO_ROOT } from "../../scripts/docs/generate";
import { coverageTables } from "../../scripts/docs/coverage";
import { AMI_FIELDS } from "../../src/extract/ami/amiFields";
import { azureMarketplaceExtractor } from "../../src/extract/azure/azureExtractor";
import { containerImageExtractor } from "../../src/extract/container/containerImages";
import { gcpImageExtractor } from "../../src/extract/gcp/gcpExtractor";
import { marketplaceListingExtractor } from "../../src/extract/marketplace/marketplaceExtractor";

const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), "utf8");

describe("the generated reference pages", () => {
  it("are what `npm run docs` writes from the code today (run it after changing a field table, the catalog or the config)", () => {
    const stale = Object.entries(generatedDocs())
      .filter(([file, text]) => !fs.existsSync(path.join(REPO_ROOT, file)) || read(file) !== text)
      .map(([file]) => file);
    expect(stale).toEqual([]);
  });
});

describe("docs/coverage.md", () => {
  const doc = read("docs/coverage.md");

  it("holds the container tables as the extractors' tables render them", () => {
    expect(doc).toContain(coverageTables());
  });

  it("covers every type of the container extractor's coverage list", () => {
    const missing = containerImageExtractor.coverage.map((c) => c.type).filter((type) => !type.endsWith("Patch") && !doc.includes(`\`${type}\``));
    expect(missing).toEqual([]);
  });

  it.each(AMI_FIELDS)("lists the AMI policy's $type with every property the extractor reads", ({ type, paths }) => {
    expect(doc).toContain(`| \`${type}\` | ${paths.map((p) => `\`${p}\``).join(", ")}`);
  });

  it.each([...marketplaceListingExtractor.coverage, ...azureMarketplaceExtractor.coverage, ...gcpImageExtractor.coverage])(
    "lists the marketplace policy's $type with the properties read",
    ({ type, paths }) => {
      expect(doc).toContain(`| \`${type}\` | ${paths.map((p) => `\`${p}\``).join(", ")} |`);
    },
  );
});
