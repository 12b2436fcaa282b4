import Ajv from "ajv";
import * as path from "path";
import { configFile, ensureBuilt, fixtures, runCli } from "./runCli";

/** The official SARIF 2.1.0 schema (rtm.5, the version GitHub code scanning documents), as shipped by Microsoft. */
function sarifValidator() {
  const schema = { ...(require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json") as Record<string, unknown>) };
  // A draft-04 document: ajv 8 reads it as draft-07 once the draft-04 header is dropped; the schema uses
  // no keyword whose meaning changed between the two (no boolean exclusiveMinimum/Maximum).
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // The schema's "language" pattern has a stray "]" that only non-unicode regular expressions accept,
  // as the draft-04 validators it was written for use.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat("uri", (s: string) => /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s) && !/\s/.test(s));
  ajv.addFormat("uri-reference", (s: string) => !/\s/.test(s));
  ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

describe("SARIF output", () => {
  let log: {
    runs: Array<{ results: Array<Record<string, any>>; tool: { driver: { rules: Array<{ id: string }> } }; invocations: Array<Record<string, any>> }>;
  };

  beforeAll(() => {
    ensureBuilt();
    const run = runCli([
      "scan",
      path.join(fixtures, "exports"),
      path.join(fixtures, "broken"),
      "--policy-pack-config",
      configFile,
      "--as-of",
      "2024-08-15",
      "--format",
      "sarif",
    ]);
    log = JSON.parse(run.stdout);
  });

  it("validates against the official SARIF 2.1.0 schema", () => {
    const validate = sarifValidator();
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("is checked by a validator that does reject a log the schema forbids", () => {
    const validate = sarifValidator();
    const { version: _dropped, ...withoutVersion } = log as unknown as Record<string, unknown>;
    expect(validate(withoutVersion)).toBe(false);
    expect(validate({ ...log, version: "2.0.0" })).toBe(false);
  });

  it("has one rule per policy of the pack", () => {
    expect(log.runs[0].tool.driver.rules.map((r) => r.id)).toEqual([
      "restricted-vendor-ami",
      "restricted-vendor-container-image",
      "restricted-vendor-marketplace-listing",
    ]);
  });

  it("marks a mandatory violation as an error located at the resource's line in the export file", () => {
    const blocked = log.runs[0].results.find((r) => r.locations[0].logicalLocations?.[0].fullyQualifiedName.endsWith("::new-av-scanner"))!;
    expect(blocked.level).toBe("error");
    expect(blocked.locations[0].physicalLocation.artifactLocation.uri).toBe("test/fixtures/cli/exports/prod.json");
    expect(blocked.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
  });

  it("gives each result a stable fingerprint so code scanning can track it across runs", () => {
    const fingerprints = log.runs[0].results.map((r) => r.partialFingerprints["restrictedVendorsFinding/v1"]);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  it("records the inputs that could not be read as failed-execution notifications", () => {
    const inv = log.runs[0].invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text)).toEqual([
      expect.stringContaining("old-version.json: stack export version 2 is not supported"),
      expect.stringContaining("truncated.json: malformed JSON"),
    ]);
  });
});
