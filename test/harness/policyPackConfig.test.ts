import { parsePolicyPackConfig, reconcilePolicyPackConfig, PolicyPackConfigError } from "../../src/harness/policyPackConfig";
import type { AnalyzerInfo, PolicyInfo } from "../../src/harness/types";

function policy(name: string, extra: Partial<PolicyInfo> = {}): PolicyInfo {
  return { name, displayName: "", description: "", enforcementLevel: "mandatory", policyType: "resource", remediationSteps: "", url: "", ...extra };
}

const info: AnalyzerInfo = {
  name: "pack",
  version: "1.2.3",
  displayName: "",
  description: "",
  supportsConfig: true,
  initialConfig: {},
  policies: [
    policy("dates", {
      configSchema: {
        properties: {
          asOf: { type: "string", format: "date" },
          warnBeforeDays: { type: "integer", minimum: 0, default: 30 },
        },
      },
    }),
    policy("plain", { enforcementLevel: "advisory" }),
  ],
};

function reconcile(file: unknown) {
  return reconcilePolicyPackConfig(info, parsePolicyPackConfig(file)).config;
}

describe("policy-pack config, validated as the Pulumi CLI does", () => {
  it("fills top-level defaults from each policy's schema", () => {
    expect(reconcile({}).dates.properties).toEqual({ warnBeforeDays: 30 });
  });

  it("sends every policy its default enforcement level when the file names none", () => {
    const config = reconcile({});
    expect([config.dates.enforcementLevel, config.plain.enforcementLevel]).toEqual(["mandatory", "advisory"]);
  });

  it("applies 'all' to every policy", () => {
    const config = reconcile({ all: "disabled" });
    expect([config.dates.enforcementLevel, config.plain.enforcementLevel]).toEqual(["disabled", "disabled"]);
  });

  it("lets a policy's own entry win over 'all'", () => {
    expect(reconcile({ all: "advisory", dates: { enforcementLevel: "mandatory" } }).dates.enforcementLevel).toBe("mandatory");
  });

  it("keeps given properties over defaults", () => {
    expect(reconcile({ dates: { warnBeforeDays: 7 } }).dates.properties).toEqual({ warnBeforeDays: 7 });
  });

  it("accepts unknown property keys silently and passes them on", () => {
    expect(reconcile({ dates: { mystery: true } }).dates.properties).toEqual({ warnBeforeDays: 30, mystery: true });
  });

  it("accepts an unknown policy name given with a level", () => {
    expect(reconcile({ "no-such-policy": "advisory" })["no-such-policy"]).toEqual({ enforcementLevel: "advisory", properties: {} });
  });

  it("names the policy and the key of a type violation", () => {
    expect(() => reconcile({ dates: { warnBeforeDays: "soon" } })).toThrow(
      "validating policy config: pack 1.2.3  dates: warnBeforeDays: Invalid type. Expected: integer, given: string",
    );
  });

  it("checks formats the CLI's validator checks", () => {
    expect(() => reconcile({ dates: { asOf: "20 July 2024" } })).toThrow("dates: asOf: Does not match format 'date'");
  });

  it("reports every violation, one line each", () => {
    try {
      reconcile({ dates: { asOf: 5, warnBeforeDays: -1 } });
      throw new Error("expected a PolicyPackConfigError");
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyPackConfigError);
      expect((e as PolicyPackConfigError).problems).toHaveLength(2);
    }
  });

  it("rejects an enforcement level that does not exist", () => {
    expect(() => parsePolicyPackConfig({ dates: "strict" })).toThrow('parsing enforcement level for "dates": "strict" is not a valid enforcement level');
  });

  it("rejects a value that is neither a level nor an object", () => {
    expect(() => parsePolicyPackConfig({ dates: 3 })).toThrow('parsing "dates": 3 is not a valid value; must be a string or object');
  });
});
