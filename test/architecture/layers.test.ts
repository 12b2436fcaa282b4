import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/*
 * The pack's folders in one direction: each imports only folders below it in LAYERS. The pipeline vocabulary sits
 * low enough for every stage to import it without reaching up: references and resources in extract/types.ts,
 * facts in match/facts.ts, settings in config/settings.ts, findings in report/finding.ts. A new folder must be
 * placed here before anything imports it.
 */
const LAYERS = ["util", "reference", "props", "catalog", "match", "extract", "config", "resolve", "decide", "report", "evaluate", "sdk", "harness", "cli"];
/** Above every src/ folder: the pack's policies, then its entry point. */
const PACK_LAYERS = ["policies", "index.ts"];

const ROOT = path.join(__dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(file) : entry.name.endsWith(".ts") ? [file] : [];
  });
}

/** The layer a file is in: its folder under src/, or a pack layer. */
function layerOf(file: string): string {
  const [top, folder] = path.relative(ROOT, file).split(path.sep);
  return top === "src" ? folder : top;
}

interface Import {
  from: string;
  to: string;
}

function relativeImports(file: string): Import[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
  return importedFiles
    .filter(({ fileName }) => fileName.startsWith("."))
    .map(({ fileName }) => {
      const target = path.resolve(path.dirname(file), fileName);
      const resolved =
        [`${target}.ts`, path.join(target, "index.ts"), target].find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile()) ?? target;
      return { from: path.relative(ROOT, file), to: path.relative(ROOT, resolved) };
    });
}

const FILES = [...sourceFiles(path.join(ROOT, "src")), ...sourceFiles(path.join(ROOT, "policies")), path.join(ROOT, "index.ts")];
const IMPORTS = FILES.flatMap(relativeImports);
const ORDER = [...LAYERS, ...PACK_LAYERS];
const rank = (file: string) => ORDER.indexOf(layerOf(path.join(ROOT, file)));

describe("the pack's layers", () => {
  it("places every folder under src/ in a layer", () => {
    const unplaced = [...new Set(FILES.map(layerOf))].filter((layer) => !ORDER.includes(layer));
    expect(unplaced).toEqual([]);
  });

  it("keeps src/ from importing the pack's policies or its entry point", () => {
    const upward = IMPORTS.filter(({ from, to }) => from.startsWith(`src${path.sep}`) && !to.startsWith(`src${path.sep}`));
    expect(upward).toEqual([]);
  });

  it("imports only from the same folder or a lower layer", () => {
    const upward = IMPORTS.filter(({ from, to }) => rank(to) > rank(from)).map(({ from, to }) => `${from} -> ${to}`);
    expect(upward).toEqual([]);
  });

  it("has no two folders that import each other", () => {
    const edges = new Set(IMPORTS.map(({ from, to }) => `${layerOf(path.join(ROOT, from))} ${layerOf(path.join(ROOT, to))}`));
    const mutual = [...edges].filter((edge) => {
      const [a, b] = edge.split(" ");
      return a < b && edges.has(`${b} ${a}`);
    });
    expect(mutual).toEqual([]);
  });
});
