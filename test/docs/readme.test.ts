import * as fs from "fs";
import * as path from "path";
import { policyConfigDefinition } from "../../src/config/definition";
import { REPO_ROOT } from "../support/pack";

const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
const lines = readme.split("\n");

describe("the README, as a front door", () => {
  it("stays within 200 lines", () => {
    expect(lines.length).toBeLessThanOrEqual(200);
  });

  it("opens with the two commands a new user runs", () => {
    expect(lines.slice(0, 6).join("\n")).toMatch(/^npm ci && npm start\b.*\nnpm test\b/m);
  });

  it.each(Object.keys(policyConfigDefinition.fields))("gives the config key %s its one line", (key) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${key}\` \\| .+ \\|$`, "m"));
  });
});
