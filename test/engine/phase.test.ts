import { runPhase } from "../../src/decide/phase";

describe("the phase the Pulumi CLI runs the pack for", () => {
  it("is a preview when the CLI's constructEnv sets PULUMI_DRY_RUN=true", () => {
    expect(runPhase({ PULUMI_DRY_RUN: "true", PULUMI_NODEJS_DRY_RUN: "true" })).toBe("preview");
  });

  it("is a preview when only the Node.js language host's PULUMI_NODEJS_DRY_RUN=true is set", () => {
    expect(runPhase({ PULUMI_NODEJS_DRY_RUN: "true" })).toBe("preview");
  });

  it("is an update when the CLI sets false", () => {
    expect(runPhase({ PULUMI_DRY_RUN: "false", PULUMI_NODEJS_DRY_RUN: "false" })).toBe("update");
  });

  it("is an update, failing closed, when neither variable is set", () => {
    expect(runPhase({})).toBe("update");
  });
});
