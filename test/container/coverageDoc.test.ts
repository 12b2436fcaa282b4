import * as fs from "fs";
import * as path from "path";
import { containerImageExtractor } from "../../src/extract/container/containerImages";
import { coverageTables } from "./coverageTable";

const DOC = path.join(__dirname, "..", "..", "README.md");
const BEGIN = "<!-- BEGIN generated coverage tables: UPDATE_COVERAGE=1 npx jest test/container/coverageDoc.test.ts -->";
const END = "<!-- END generated coverage tables -->";

describe("the README's container coverage tables", () => {
  it("lists every modelled resource type and property, as the extractors' tables do", () => {
    const doc = fs.readFileSync(DOC, "utf8");
    const start = doc.indexOf(BEGIN);
    const end = doc.indexOf(END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const expected = `${BEGIN}\n${coverageTables()}\n${END}`;
    if (process.env.UPDATE_COVERAGE === "1") fs.writeFileSync(DOC, doc.slice(0, start) + expected + doc.slice(end + END.length));
    else expect(doc.slice(start, end + END.length)).toBe(expected);
  });

  it("covers every type of the extractor's coverage list", () => {
    const doc = fs.readFileSync(DOC, "utf8");
    const missing = containerImageExtractor.coverage.map((c) => c.type).filter((type) => !type.endsWith("Patch") && !doc.includes(`\`${type}\``));
    expect(missing).toEqual([]);
  });
});
