import * as fs from "fs";
import * as path from "path";

/** The directory holding PulumiPolicy.yaml above this file: the pack this repository builds. */
export function repositoryPackDir(from = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`no PulumiPolicy.yaml above ${from}`);
    }
    dir = parent;
  }
  return dir;
}
