import * as fs from "fs";
import * as path from "path";
import { InputNode, inputTrees, pathProblem } from "../../scripts/providerInputs/inputTree";
import { EXTRACT, ProviderInputs } from "../../scripts/providerInputs/refresh";
import { providerOf, tablePaths } from "../../scripts/providerInputs/tablePaths";

/** Providers whose SDK is a dev dependency: their argument types are read as the compiler reads them. */
const DEV_DEPENDENCIES = ["aws", "docker"];

/**
 * Table rows whose type the pinned SDK does not declare (AWS Cloud Control has no EMR cluster or OpsWorks instance).
 * They are kept, as behaviour stays; a test below fails when the SDK declares them, so that their paths are then checked.
 */
const UNDECLARED = ["aws-native:emr:Cluster", "aws-native:opsworks:Instance"];

const paths = tablePaths().filter((p) => !UNDECLARED.includes(p.type));
const extract: ProviderInputs = JSON.parse(fs.readFileSync(EXTRACT, "utf8"));
let sdkTrees: Record<string, InputNode> = {};

beforeAll(() => {
  for (const provider of DEV_DEPENDENCIES) {
    const byType = new Map<string, string[]>();
    for (const p of paths.filter((p) => providerOf(p.type) === provider)) byType.set(p.type, [...(byType.get(p.type) ?? []), p.path]);
    sdkTrees = { ...sdkTrees, ...inputTrees(path.join(__dirname, `../../node_modules/@pulumi/${provider}`), byType) };
  }
}, 240_000);

const treeOf = (type: string): InputNode | undefined => {
  const extracted = extract[type];
  return sdkTrees[type] ?? (extracted && "inputs" in extracted ? extracted.inputs : undefined);
};

describe("field table property paths", () => {
  it.each([...new Set(paths.map((p) => providerOf(p.type)))])("are input properties of their resource types in the %s SDK", (provider) => {
    const problems = paths
      .filter((p) => providerOf(p.type) === provider)
      .flatMap(({ table, type, path: tablePath }) => {
        const tree = treeOf(type);
        const extracted = extract[type];
        if (extracted && "absent" in extracted) return [`${table}: ${extracted.package} declares no resource ${type}`];
        if (!tree) return [`${table}: ${type} is declared neither by a dev dependency nor in the committed extract (run scripts/providerInputs/refresh.ts)`];
        const problem = pathProblem(tree, tablePath);
        return problem ? [`${table}: ${type} "${tablePath}": ${problem}`] : [];
      });
    expect(problems).toEqual([]);
  });

  it("knows the table rows whose type the pinned SDK does not declare", () => {
    expect(UNDECLARED.map((type) => [type, extract[type]])).toEqual(UNDECLARED.map((type) => [type, { package: expect.any(String), absent: true }]));
  });

  it("names where a misspelt AWS path leaves the SDK's argument types, and what is there instead", () => {
    const problem = pathProblem(treeOf("aws:ec2/spotFleetRequest:SpotFleetRequest")!, "launchSpecifications[*].amiId");
    expect(problem).toMatch(/^"launchSpecifications\[\*\]" has no property "amiId" \(it has .*\bami\b/);
  });

  it("names a misspelt path of a provider read from the committed extract", () => {
    expect(pathProblem(treeOf("gcp:compute/instance:Instance")!, "bootDisk.initializeParam.image")).toMatch(
      /^"bootDisk" has no property "initializeParam" \(it has .*initializeParams/,
    );
  });

  it("names a list read as an object", () => {
    expect(pathProblem(treeOf("aws:sagemaker/model:Model")!, "containers.modelPackageName")).toBe(
      '"containers" is a list: its items are "[*]", not "modelPackageName"',
    );
  });
});
