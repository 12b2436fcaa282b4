import * as fs from "fs";
import * as path from "path";
import type { InputFailure } from "./report";

/** Every .json file named or under a named directory (sorted), plus a failure per path that does not exist. */
export function expandScanInputs(inputs: string[]): { files: string[]; failures: InputFailure[] } {
  const files: string[] = [];
  const failures: InputFailure[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== "node_modules" && !e.name.startsWith(".")) {
        walk(p);
      } else if (e.isFile() && e.name.endsWith(".json")) {
        files.push(p);
      }
    }
  };
  for (const input of inputs) {
    if (!fs.existsSync(input)) {
      failures.push({ source: input, problem: "no such file or directory" });
    } else if (fs.statSync(input).isDirectory()) {
      const before = files.length;
      walk(input);
      if (files.length === before) {
        failures.push({ source: input, problem: "no .json files in this directory" });
      }
    } else {
      files.push(input);
    }
  }
  return { files, failures };
}

/** A program directory, or each program directory (with Pulumi.yaml) directly inside a folder, except ci/. */
export function expandProgramInputs(inputs: string[]): { programs: string[]; failures: InputFailure[] } {
  const programs: string[] = [];
  const failures: InputFailure[] = [];
  for (const input of inputs) {
    if (!fs.existsSync(input) || !fs.statSync(input).isDirectory()) {
      failures.push({ source: input, problem: fs.existsSync(input) ? "not a directory (preview takes Pulumi program directories)" : "no such directory" });
    } else if (fs.existsSync(path.join(input, "Pulumi.yaml"))) {
      programs.push(input);
    } else {
      const inside = fs
        .readdirSync(input, { withFileTypes: true })
        .filter((e) => e.isDirectory() && e.name !== "ci" && fs.existsSync(path.join(input, e.name, "Pulumi.yaml")))
        .map((e) => path.join(input, e.name))
        .sort();
      if (inside.length === 0) {
        failures.push({ source: input, problem: "no Pulumi.yaml here or in its sub-directories" });
      }
      programs.push(...inside);
    }
  }
  return { programs, failures };
}
