/**
 * Refreshes test/fixtures/providerInputs.json: the input properties of every resource type the field tables read,
 * from providers that are not dev dependencies, trimmed to what the tables' paths pass through (see inputTree.ts).
 * The SDKs come from npm at the exact versions below (`npm pack`, the only network the pack's CI has).
 *
 *   npx ts-node --transpile-only scripts/providerInputs/refresh.ts
 *
 * @pulumi/aws and @pulumi/docker are dev dependencies: test/engine/fieldPaths.test.ts reads them directly, and only
 * the types they no longer declare are extracted here from the last version that did.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputNode, argsDeclaration, inputTrees } from "./inputTree";
import { providerOf, tablePaths } from "./tablePaths";

/** Node SDKs at exact versions, by provider; `types` limits a package to the types its newer release dropped. */
const PACKAGES: ReadonlyArray<{ provider: string; version: string; types?: (type: string) => boolean }> = [
  { provider: "aws-native", version: "1.79.0" },
  { provider: "azure-native", version: "3.28.0" },
  { provider: "azure", version: "6.40.0" },
  { provider: "gcp", version: "9.37.0" },
  { provider: "kubernetes", version: "4.34.2" },
  { provider: "eks", version: "4.3.0" },
  { provider: "awsx", version: "3.9.0" },
  // OpsWorks left @pulumi/aws in v7 (AWS ended the service); programs on v6 still declare its instances.
  { provider: "aws", version: "6.83.4", types: (type) => !fs.existsSync(argsDeclaration(path.join(__dirname, "../../node_modules/@pulumi/aws"), type).file) },
];

export const EXTRACT = path.join(__dirname, "../../test/fixtures/providerInputs.json");

/** Each type's inputs, or `absent` when the package declares no such resource. */
export interface ProviderInputs {
  [type: string]: { package: string; inputs: InputNode } | { package: string; absent: true };
}

function main(): void {
  const byType = new Map<string, string[]>();
  for (const { type, path: tablePath } of tablePaths()) byType.set(type, [...(byType.get(type) ?? []), tablePath]);
  const extract: ProviderInputs = {};
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "provider-inputs-"));
  // The SDKs' declarations import @pulumi/pulumi (Input, Output): resolved from the pack's own dependencies.
  fs.symlinkSync(path.join(__dirname, "../../node_modules"), path.join(work, "node_modules"));
  try {
    for (const { provider, version, types } of PACKAGES) {
      const wanted = new Map([...byType].filter(([type]) => providerOf(type) === provider && (types?.(type) ?? true)));
      if (wanted.size === 0) continue;
      const name = `@pulumi/${provider}@${version}`;
      process.stderr.write(`${name}: ${wanted.size} types\n`);
      const tarball = execFileSync("npm", ["pack", name, "--silent", "--pack-destination", work], { encoding: "utf8" }).trim().split("\n").pop()!;
      const unpacked = path.join(work, provider);
      fs.mkdirSync(unpacked);
      execFileSync("tar", ["-xzf", path.join(work, tarball), "-C", unpacked, "--wildcards", "*.d.ts"]);
      const trees = inputTrees(path.join(unpacked, "package"), wanted);
      for (const type of [...wanted.keys()].sort()) extract[type] = trees[type] ? { package: name, inputs: trees[type] } : { package: name, absent: true };
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  fs.writeFileSync(EXTRACT, `${JSON.stringify(extract, null, 1)}\n`);
}

if (require.main === module) main();
