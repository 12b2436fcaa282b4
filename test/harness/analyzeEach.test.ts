import { analyzeEach } from "../../src/harness/analyzeResources";
import type { PackProcess } from "../../src/harness/packProcess";
import type { AnalyzedResource, Diagnostic } from "../../src/harness/types";

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

const resources: AnalyzedResource[] = Array.from({ length: 40 }, (_, i) => ({
  type: "aws:ec2/instance:Instance",
  name: `web-${i}`,
  urn: `urn:pulumi:prod::fleet::aws:ec2/instance:Instance::web-${i}`,
  properties: { ami: "ami-0123456789abcdef0" },
}));

/** A pack that answers each Analyze with one diagnostic naming itself, after `ms`, and counts what it answered. */
function pack(name: string, ms: number): PackProcess & { answered: number } {
  const fake = {
    answered: 0,
    analyze: async (r: AnalyzedResource): Promise<Diagnostic[]> => {
      await delay(ms);
      fake.answered++;
      return [{ policyName: "p", policyPackName: name, policyPackVersion: "1", description: "", message: r.name, enforcementLevel: "advisory", urn: r.urn }];
    },
  };
  return fake as unknown as PackProcess & { answered: number };
}

describe("Analyze for each resource, shared between packs", () => {
  it("lets a pack that joins while requests remain answer some, with the diagnostics in the resources' order", async () => {
    const own = pack("own", 5);
    const joining = pack("joining", 2);
    let stopped = false;
    const diags = await analyzeEach(own, resources, {
      concurrency: 2,
      share: (join) => {
        setTimeout(() => join(joining), 20);
        return () => (stopped = true);
      },
    });
    expect(diags.map((d) => d.message)).toEqual(resources.map((r) => r.name));
    expect(joining.answered).toBeGreaterThan(0);
    expect(own.answered + joining.answered).toBe(resources.length);
    expect(stopped).toBe(true);
  });

  it("sends nothing to a pack that joins once every request is answered", async () => {
    const late = pack("late", 1);
    let join!: (p: PackProcess) => void;
    await analyzeEach(pack("own", 1), resources, { share: (j) => ((join = j), () => undefined) });
    join(late);
    await delay(10);
    expect(late.answered).toBe(0);
  });

  it("fails with the first failure of a joined pack", async () => {
    const failing = { analyze: async () => Promise.reject(new Error("pack died")) } as unknown as PackProcess;
    await expect(analyzeEach(pack("own", 5), resources, { concurrency: 1, share: (join) => (join(failing), () => undefined) })).rejects.toThrow("pack died");
  });
});
