import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../support/pack";
import { anchors, brokenLinks } from "./markdownLinks";

const docsDir = path.join(REPO_ROOT, "docs");
const pages = [
  "README.md",
  "CONTRIBUTING.md",
  ...fs
    .readdirSync(docsDir)
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

describe("relative links in the documentation", () => {
  it.each(pages)("%s links only to files and headings that exist", (page) => {
    expect(brokenLinks(path.join(REPO_ROOT, page))).toEqual([]);
  });
});

describe("the link check", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "links-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("names a link to a missing file and one to a missing heading, and accepts the rest", () => {
    fs.writeFileSync(path.join(dir, "other.md"), "# Other page\n\n## Fail-closed rules (`deny`)\n");
    const page = path.join(dir, "page.md");
    fs.writeFileSync(
      page,
      [
        "# Page",
        "[ok](other.md), [ok](other.md#fail-closed-rules-deny), [ok](#page), [web](https://example.com/x.md)",
        "[gone](missing.md) and [no heading](other.md#limits)",
        "```sh",
        "[in code](nowhere.md)",
        "```",
        "`[inline](nowhere.md)`",
      ].join("\n"),
    );
    expect(brokenLinks(page)).toEqual(["missing.md: no file missing.md", "other.md#limits: no heading with anchor #limits"]);
  });

  it("numbers repeated headings as GitHub does, and ignores headings in code blocks", () => {
    expect([...anchors("# AWS\n## AWS\n```sh\n# comment\n```\n### JSON report schema, version 1.1\n")]).toEqual([
      "aws",
      "aws-1",
      "json-report-schema-version-11",
    ]);
  });
});
