import * as fs from "fs";
import * as path from "path";

/**
 * The baseline users compare against: running no policy at all. Everything else on the start path is the
 * real pack's: same package.json dependencies, same PulumiPolicy.yaml and tsconfig.json (run-policy-pack
 * registers ts-node with the project's options when one is present), a precompiled JS main, and the
 * repository's node_modules behind a symlink, so the SDK and gRPC modules loaded are the very same files.
 */
export function writeEmptyPack(repoRoot: string, dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "dist"), { recursive: true });
  const repoPackage = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as Record<string, unknown>;
  const packageJson = {
    name: "empty-pack",
    version: repoPackage.version,
    private: true,
    main: "dist/index.js",
    dependencies: repoPackage.dependencies,
  };
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(packageJson, null, 2)}\n`);
  fs.writeFileSync(
    path.join(dir, "dist", "index.js"),
    `"use strict";\nconst { PolicyPack } = require("@pulumi/policy");\nnew PolicyPack("empty", { policies: [] });\n`,
  );
  for (const file of ["PulumiPolicy.yaml", "tsconfig.json"]) {
    if (fs.existsSync(path.join(repoRoot, file))) fs.copyFileSync(path.join(repoRoot, file), path.join(dir, file));
  }
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}
