import * as fs from "fs";
import * as path from "path";
import { AMI_FIELDS } from "../../src/extract/ami/amiFields";

const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");

describe("the README's AMI coverage table", () => {
  it.each(AMI_FIELDS)("lists $type with every property the extractor reads", ({ type, paths }) => {
    expect(readme).toContain(`| \`${type}\` | ${paths.map((p) => `\`${p}\``).join(", ")}`);
  });
});
