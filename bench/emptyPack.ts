import * as fs from "fs";
import * as path from "path";
import { POLICY_NAMES, configSchema } from "../policies";

/**
 * The baseline users compare against: running no policy at all. Everything else on the start path is the
 * real pack's: same package.json dependencies, same PulumiPolicy.yaml and tsconfig.json (run-policy-pack
 * registers ts-node with the project's options when one is present), a precompiled JS main, and the
 * repository's node_modules behind a symlink, so the SDK and gRPC modules loaded are the very same files.
 */
export function writeEmptyPack(repoRoot: string, dir: string): string {
  return writePack(repoRoot, dir, "empty", `new PolicyPack("empty", { policies: [] });`);
}

/**
 * The SDK's floor: three policies with the real pack's names and config schema that do nothing, so that what
 * @pulumi/policy spends per policy (converting the properties, reading the config) is measured apart from the pack.
 */
export function writeNoopPack(repoRoot: string, dir: string): string {
  const policies = POLICY_NAMES.map((name) => ({ name, description: "does nothing", enforcementLevel: "mandatory", configSchema }));
  const pack = `new PolicyPack("noop", { policies: ${JSON.stringify(policies)}.map((p) => ({ ...p, validateResource: () => {}, validateStack: () => {} })) });`;
  return writePack(repoRoot, dir, "noop", pack);
}

function writePack(repoRoot: string, dir: string, name: string, pack: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "dist"), { recursive: true });
  const repoPackage = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as Record<string, unknown>;
  const packageJson = {
    name: `${name}-pack`,
    version: repoPackage.version,
    private: true,
    main: "dist/index.js",
    dependencies: repoPackage.dependencies,
  };
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(packageJson, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, "dist", "index.js"), `"use strict";\nconst { PolicyPack } = require("@pulumi/policy");\n${pack}\n`);
  for (const file of ["PulumiPolicy.yaml", "tsconfig.json"]) {
    if (fs.existsSync(path.join(repoRoot, file))) fs.copyFileSync(path.join(repoRoot, file), path.join(dir, file));
  }
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}
