import { loadPulumiProtocol } from "../../src/harness/pulumiProtocol";
import { analyzeStackRequestFor, analyzerResourceFor } from "../../src/harness/protoConvert";
import { secret, UNKNOWN, urnFor } from "../../src/harness/wireValues";
import type { AnalyzedResource } from "../../src/harness/types";

const protocol = loadPulumiProtocol(__dirname);

function resources(count: number): AnalyzedResource[] {
  return Array.from({ length: count }, (_, i) => ({
    type: "aws:ec2/instance:Instance",
    name: `n${i}`,
    urn: urnFor("aws:ec2/instance:Instance", `n${i}`),
    // Sizes across the one- and two-byte length prefixes.
    properties: { padding: "x".repeat(i * 7), password: secret(`p${i}`), ami: UNKNOWN, nested: { list: [1, { deeper: null }] } },
    ...(i > 0
      ? {
          parent: urnFor("aws:ec2/instance:Instance", "n0"),
          dependencies: [urnFor("aws:ec2/instance:Instance", "n0")],
          propertyDependencies: { ami: [urnFor("aws:ec2/instance:Instance", "n0")] },
        }
      : {}),
  }));
}

describe("the streamed AnalyzeStack encoding", () => {
  it("produces exactly the bytes of the generated serializer", () => {
    const rs = resources(200);
    const reference = new protocol.analyzerPb.AnalyzeStackRequest();
    reference.setResourcesList(rs.map((r) => analyzerResourceFor(protocol, r)));
    expect(Buffer.from(analyzeStackRequestFor(protocol, rs).serializeBinary())).toEqual(Buffer.from(reference.serializeBinary()));
  });

  it("decodes back to the same resources", () => {
    const rs = resources(3);
    const decoded = protocol.analyzerPb.AnalyzeStackRequest.deserializeBinary(analyzeStackRequestFor(protocol, rs).serializeBinary());
    expect(decoded.getResourcesList().map((r) => [r.getUrn(), r.getProperties()?.toJavaScript().password])).toEqual(
      rs.map((r) => [r.urn, r.properties.password]),
    );
  });
});
