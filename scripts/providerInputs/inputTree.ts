import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { pathSteps } from "./tablePaths";

/**
 * A resource's input properties as its provider's SDK declares them (the `<Resource>Args` interface), trimmed to
 * what the field tables read: every level a table path passes through lists all its property names, and only the
 * properties a path goes into are expanded (null: a property no path goes into).
 */
export type InputNode = { object: { [name: string]: InputNode | null } } | { items: InputNode } | { values: InputNode } | { scalar: string };

/**
 * Where a type token's `<Resource>Args` is declared in its Node SDK: "aws:ec2/instance:Instance" → ec2/instance.d.ts.
 * The file is the resource's name in camel case, except for leading acronyms (awsx's EC2Service is ec2service.d.ts).
 */
export function argsDeclaration(packageDir: string, type: string): { file: string; name: string } {
  const [, module, resource] = type.split(":");
  const parts = module.split("/");
  // Classic providers write "module/resourceFile"; the others "module" or "group/version" (kubernetes: helm.sh/v3 is helm/v3).
  const classic = parts.length === 2 && parts[1].toLowerCase() === resource.toLowerCase();
  const directory = path.join(packageDir, ...(classic ? [parts[0]] : module.replace(/^helm\.sh\//, "helm/").split("/")).filter((part) => part !== "index"));
  const wanted = `${resource.toLowerCase()}.d.ts`;
  const file = fs.existsSync(directory) ? fs.readdirSync(directory).find((name) => name.toLowerCase() === wanted) : undefined;
  return { file: path.join(directory, file ?? wanted), name: `${resource}Args` };
}

const WRAPPERS = new Set(["Promise", "OutputInstance", "Output"]);
const SCALAR = ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.EnumLike | ts.TypeFlags.Any | ts.TypeFlags.Unknown;

/** The input trees of the given types, read from the SDK in packageDir; a type whose Args cannot be found has none. */
export function inputTrees(packageDir: string, pathsByType: ReadonlyMap<string, readonly string[]>): Record<string, InputNode> {
  const declarations = new Map([...pathsByType.keys()].map((type) => [type, argsDeclaration(packageDir, type)]));
  const files = [...new Set([...declarations.values()].map((d) => d.file))].filter((file) => fs.existsSync(file));
  const program = ts.createProgram(files, { noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();

  const unwrap = (type: ts.Type): ts.Type[] => {
    const parts = type.isUnion() ? type.types : [type];
    return parts.filter((part) => !(part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) && !WRAPPERS.has(part.getSymbol()?.getName() ?? ""));
  };

  const node = (type: ts.Type, steps: string[][]): InputNode => {
    const parts = unwrap(type);
    const below = (step: string) => steps.filter((s) => s[0] === step).map((s) => s.slice(1));
    const array = parts.find((part) => checker.isArrayType(part));
    if (array) return { items: node(checker.getTypeArguments(array as ts.TypeReference)[0], below("[*]")) };
    const object = parts.find((part) => !(part.flags & SCALAR) && part.flags & ts.TypeFlags.Object);
    if (!object) return { scalar: parts.map((part) => checker.typeToString(part)).join(" | ") || checker.typeToString(type) };
    const properties = checker.getPropertiesOfType(object);
    const mapValues = checker.getIndexTypeOfType(object, ts.IndexKind.String);
    if (properties.length === 0 && mapValues)
      return {
        values: node(
          mapValues,
          steps.filter((s) => s.length > 0 && s[0] !== "[*]").map((s) => s.slice(1)),
        ),
      };
    const children: { [name: string]: InputNode | null } = {};
    for (const property of properties) {
      const name = property.getName();
      const next = below(name);
      children[name] = next.length > 0 ? node(checker.getTypeOfSymbol(property), next) : null;
    }
    return { object: children };
  };

  const trees: Record<string, InputNode> = {};
  for (const [type, { file, name }] of declarations) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    const args = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((symbol) => symbol.getName() === name);
    if (!args) continue;
    trees[type] = node(
      checker.getDeclaredTypeOfSymbol(args),
      pathsByType.get(type)!.map((p) => pathSteps(p).filter((step) => step !== "")),
    );
  }
  return trees;
}

/** Why a table path does not exist in a resource's input tree, or undefined when it does. */
export function pathProblem(tree: InputNode, tablePath: string): string | undefined {
  let node = tree;
  const walked: string[] = [];
  const at = () => (walked.length ? `"${walked.join(".").replace(/\.\[\*\]/g, "[*]")}"` : "the resource's inputs");
  for (const step of pathSteps(tablePath)) {
    if ("object" in node) {
      if (!Object.prototype.hasOwnProperty.call(node.object, step)) return `${at()} has no property "${step}" (it has ${Object.keys(node.object).join(", ")})`;
      const next = node.object[step];
      if (next === null) return `${at()}.${step} is not in the committed extract: run scripts/providerInputs/refresh.ts`;
      node = next;
    } else if ("items" in node) {
      if (step !== "[*]") return `${at()} is a list: its items are "[*]", not "${step}"`;
      node = node.items;
    } else if ("values" in node) {
      // A map's keys are data: "*" is any of them, and a path may name one (GCP metadata's "startup-script").
      if (step === "[*]") return `${at()} is a map, not a list: its values are "*" or a key`;
      node = node.values;
    } else {
      return `${at()} is ${node.scalar}, which has no "${step}"`;
    }
    walked.push(step);
  }
  return undefined;
}
