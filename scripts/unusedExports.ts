/**
 * Lists exports that no other file imports: an export is a promise to other modules, so one kept only for its own
 * file is noise (drop the keyword) or dead code. The library's entry points (policies/index.ts for a pack author,
 * src/harness/index.ts for the test harness) are the public API: what they export or re-export counts as used.
 * A declaration whose doc comment starts with `@public` (with the reason) is kept on purpose.
 * Syntax only (imports resolved as tsc resolves them, no type checking), so it runs in about a second.
 *
 * Usage: ts-node --transpile-only scripts/unusedExports.ts   (exit 1 and one line per unused export)
 */
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..");
const PUBLIC_ENTRIES = ["policies/index.ts", "src/harness/index.ts"].map((f) => path.join(ROOT, f));
/** Folders whose exports are checked; tests, benchmarks and scripts only count as importers. */
const CHECKED = ["index.ts", "policies/", "src/"];

interface Export {
  file: string;
  name: string;
  line: number;
}

function loadProgramFiles(): { files: string[]; options: ts.CompilerOptions } {
  const configFile = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  return { files: parsed.fileNames.map((f) => path.resolve(f)), options: parsed.options };
}

function hasExportKeyword(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function declaredExports(source: ts.SourceFile): Export[] {
  const found: Export[] = [];
  const add = (name: string, node: ts.Node) =>
    isMarkedPublic(node, source) || found.push({ file: source.fileName, name, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      // `export { a }` lists local names; `export { a } from "./x"` re-exports, which is a use of x, not a declaration.
      if (!statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) add(element.name.text, element);
      }
      continue;
    }
    if (!hasExportKeyword(statement)) continue;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) add(declaration.name.text, declaration);
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      add(statement.name.text, statement);
    }
  }
  return found;
}

function isMarkedPublic(node: ts.Node, source: ts.SourceFile): boolean {
  const declaration = ts.isVariableDeclaration(node) ? node.parent.parent : node;
  return (ts.getLeadingCommentRanges(source.text, declaration.getFullStart()) ?? []).some((r) => /^\/\*\*\s*@public\b/.test(source.text.slice(r.pos, r.end)));
}

/** "file\0name" for every named import and re-export, and "file\0*" for namespace imports and `export *`. */
function importedNames(source: ts.SourceFile, options: ts.CompilerOptions): Set<string> {
  const used = new Set<string>();
  const resolve = (specifier: ts.Expression): string | undefined => {
    if (!ts.isStringLiteral(specifier)) return undefined;
    const resolved = ts.resolveModuleName(specifier.text, source.fileName, options, ts.sys).resolvedModule;
    return resolved && !resolved.isExternalLibraryImport ? path.resolve(resolved.resolvedFileName) : undefined;
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const target = resolve(node.moduleSpecifier);
      const clause = node.importClause;
      if (target && clause) {
        if (clause.name) used.add(`${target}\0default`);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) used.add(`${target}\0*`);
        if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) used.add(`${target}\0${(e.propertyName ?? e.name).text}`);
      }
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const target = resolve(node.moduleSpecifier);
      if (target && node.exportClause && ts.isNamedExports(node.exportClause)) {
        for (const e of node.exportClause.elements) used.add(`${target}\0${(e.propertyName ?? e.name).text}`);
      } else if (target) used.add(`${target}\0*`);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const target = resolve(node.argument.literal);
      if (target) used.add(`${target}\0${node.qualifier && ts.isIdentifier(node.qualifier) ? node.qualifier.text : "*"}`);
    } else if (
      ts.isCallExpression(node) &&
      node.arguments.length === 1 &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))
    ) {
      const target = resolve(node.arguments[0]);
      if (target) used.add(`${target}\0*`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return used;
}

export function unusedExports(): Export[] {
  const { files, options } = loadProgramFiles();
  const sources = files.map((f) => ts.createSourceFile(f, ts.sys.readFile(f) ?? "", ts.ScriptTarget.Latest, true));
  const used = new Set<string>();
  for (const source of sources) for (const key of importedNames(source, options)) used.add(key);
  const checked = sources.filter((s) => CHECKED.some((prefix) => path.relative(ROOT, s.fileName).startsWith(prefix)) && !PUBLIC_ENTRIES.includes(s.fileName));
  return checked.flatMap(declaredExports).filter((e) => !used.has(`${e.file}\0${e.name}`) && !used.has(`${e.file}\0*`));
}

if (require.main === module) {
  const unused = unusedExports();
  for (const e of unused) console.log(`${path.relative(ROOT, e.file)}:${e.line}: ${e.name} is exported but no other file imports it`);
  if (unused.length > 0) {
    console.log(`${unused.length} unused exports: drop the export keyword, or the code if nothing uses it.`);
    process.exitCode = 1;
  }
}
