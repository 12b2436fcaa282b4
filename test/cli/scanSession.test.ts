import type { PackProcess } from "../../src/harness/packProcess";
import type { PolicyPackConfig } from "../../src/harness/policyPackConfig";
import type { AnalyzerInfo } from "../../src/harness/types";
import { builtInCatalog } from "../../src/catalog/builtIn";
import { ScanSession } from "../../src/cli/scanSession";

const info: AnalyzerInfo = {
  name: "restricted-vendors",
  version: "0.1.0",
  displayName: "",
  description: "",
  supportsConfig: true,
  policies: [],
  initialConfig: {},
};

/** A pack that only records the Configure calls it gets. */
function recordingPack(): { pack: PackProcess; configured: unknown[] } {
  const configured: unknown[] = [];
  const pack = { configure: async (config: unknown) => (configured.push(config), {}) } as unknown as PackProcess;
  return { pack, configured };
}

describe("the scan session's Configure", () => {
  it("tells the pack a config once, however many stacks are scanned with it", async () => {
    const { pack, configured } = recordingPack();
    const session = new ScanSession(pack, info, undefined, builtInCatalog);
    const config: PolicyPackConfig = { "restricted-vendor-ami": { enforcementLevel: "mandatory", properties: { asOf: "2025-06-01" } } };
    for (let stack = 0; stack < 3; stack++) {
      await session.configure(config);
    }
    expect(configured).toEqual([{ "restricted-vendor-ami": { enforcementLevel: "mandatory", asOf: "2025-06-01" } }]);
  });

  it("tells the pack again when a stack's grandfathered URNs change the config, and back after it", async () => {
    const { pack, configured } = recordingPack();
    const session = new ScanSession(pack, info, undefined, builtInCatalog);
    const base: PolicyPackConfig = { "restricted-vendor-ami": { enforcementLevel: "mandatory", properties: {} } };
    const urn = "urn:pulumi:prod::fleet::aws:ec2/instance:Instance::web";
    await session.configure(base);
    await session.configure(session.withGrandfathered(base, new Map([["restricted-vendor-ami", new Set([urn])]])));
    await session.configure(base);
    expect(configured).toEqual([
      { "restricted-vendor-ami": { enforcementLevel: "mandatory" } },
      { "restricted-vendor-ami": { enforcementLevel: "mandatory", grandfathered: [urn] } },
      { "restricted-vendor-ami": { enforcementLevel: "mandatory" } },
    ]);
  });
});
