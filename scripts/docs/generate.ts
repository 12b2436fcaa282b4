import * as fs from "fs";
import * as path from "path";
import { catalogPage } from "./catalog";
import { configurationPage } from "./configuration";
import { coveragePage } from "./coverage";

export const REPO_ROOT = path.join(__dirname, "..", "..");

/** Every generated page, by its path in the repository. */
export function generatedDocs(): Record<string, string> {
  return {
    "docs/coverage.md": coveragePage(),
    "docs/catalog.md": catalogPage(),
    "docs/configuration.md": configurationPage(),
  };
}

if (require.main === module) {
  for (const [file, text] of Object.entries(generatedDocs())) {
    fs.writeFileSync(path.join(REPO_ROOT, file), text);
    console.log(`wrote ${file}`);
  }
}
