import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const fixtures = path.join(repoRoot, "test", "fixtures", "cli");
const builtCli = path.join(repoRoot, "dist", "src", "cli", "main.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : e.name.endsWith(".ts") ? fs.statSync(p).mtimeMs : 0);
  }
  return newest;
}

/** The tests drive the built CLI, as a user's `npx restricted-vendors` does; rebuild it when sources are newer. */
export function ensureBuilt(): void {
  const stale =
    !fs.existsSync(builtCli) ||
    fs.statSync(builtCli).mtimeMs < Math.max(newestSource(path.join(repoRoot, "src")), newestSource(path.join(repoRoot, "policies")));
  if (stale) {
    spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(repoRoot, "tsconfig.build.json")], { cwd: repoRoot, stdio: "ignore" });
  }
  if (!fs.existsSync(builtCli)) {
    throw new Error(`${builtCli} is missing after building`);
  }
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd = repoRoot): CliRun {
  const r = spawnSync(process.execPath, [builtCli, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const configFile = path.join(fixtures, "scan-config.json");
