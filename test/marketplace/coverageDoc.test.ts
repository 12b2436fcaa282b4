import * as fs from "fs";
import * as path from "path";
import { azureMarketplaceExtractor } from "../../src/extract/azure/azureExtractor";
import { gcpImageExtractor } from "../../src/extract/gcp/gcpExtractor";
import { marketplaceListingExtractor } from "../../src/extract/marketplace/marketplaceExtractor";
import { REPO_ROOT } from "../support/pack";

const doc = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

describe("the README's marketplace coverage tables", () => {
  it.each([...marketplaceListingExtractor.coverage, ...azureMarketplaceExtractor.coverage, ...gcpImageExtractor.coverage])("lists $type with the properties read", ({ type, paths }) => {
    expect(doc).toContain(`| \`${type}\` | ${paths.map((p) => `\`${p}\``).join(", ")} |`);
  });
});
