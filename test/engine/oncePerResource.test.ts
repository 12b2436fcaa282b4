import { Extracted, Extractor, ResourceInput } from "../../src/extract/types";
import { oncePerResource } from "../../src/extract/oncePerResource";

function countingExtractor(): { extractor: Extractor; calls: () => number } {
  let calls = 0;
  const extractor: Extractor = {
    coverage: [{ type: "aws:ecs/taskDefinition:TaskDefinition", paths: ["containerDefinitions"] }],
    appliesTo: () => true,
    extract: (resource): Extracted[] => {
      calls += 1;
      return [{ kind: "unknown", path: resource.type, expected: "container image", couldMatch: [] }];
    },
  };
  return { extractor, calls: () => calls };
}

const resource = (type: string, props: Record<string, unknown>): ResourceInput => ({ type, urn: `urn:pulumi:dev::p::${type}::r`, name: "r", props });

describe("an extractor shared by several policies runs once per resource", () => {
  it("extracts once when two policies ask about the same property tree and type", () => {
    const { extractor, calls } = countingExtractor();
    const shared = oncePerResource(extractor);
    const props = { containerDefinitions: "[]" };
    const first = shared.extract(resource("aws:ecs/taskDefinition:TaskDefinition", props));
    expect(shared.extract(resource("aws:ecs/taskDefinition:TaskDefinition", props))).toBe(first);
    expect(calls()).toBe(1);
  });

  it("extracts again for the same tree under another type, since extractors read the type", () => {
    const { extractor, calls } = countingExtractor();
    const shared = oncePerResource(extractor);
    const props = { image: "nginx" };
    shared.extract(resource("kubernetes:core/v1:Pod", props));
    expect(shared.extract(resource("docker:index/container:Container", props))).toEqual([
      { kind: "unknown", path: "docker:index/container:Container", expected: "container image", couldMatch: [] },
    ]);
    expect(calls()).toBe(2);
  });

  it("extracts again for another tree with equal content, since each request has its own", () => {
    const { extractor, calls } = countingExtractor();
    const shared = oncePerResource(extractor);
    shared.extract(resource("kubernetes:core/v1:Pod", { image: "nginx" }));
    shared.extract(resource("kubernetes:core/v1:Pod", { image: "nginx" }));
    expect(calls()).toBe(2);
  });

  it("keeps the coverage and applicability of the extractor it wraps", () => {
    const { extractor } = countingExtractor();
    const shared = oncePerResource(extractor);
    expect(shared.coverage).toBe(extractor.coverage);
    expect(shared.appliesTo("aws:ec2/instance:Instance")).toBe(true);
  });
});
