import fc from "fast-check";
import { Vendor } from "../../src/catalog/types";
import { Decision, Level } from "../../src/decide/decision";
import { Window } from "../../src/decide/windows";
import { ReferenceKind, UnknownReference, UnparseableReference } from "../../src/extract/types";
import { IdentifierHit } from "../../src/match/catalogIndex";
import { childPath } from "../../src/props/paths";
import { parseFindingFields } from "../../src/cli/findingFields";
import { Finding } from "../../src/report/finding";
import { reportedOutcome } from "../../src/report/grammar";
import {
  configErrorFinding,
  decisionFinding,
  lookupFailureFinding,
  previewUnknownFinding,
  unknownFinding,
  unparseableFinding,
} from "../../src/report/messages";
import { IDENTIFIER_LABEL, KIND_LABEL } from "../../src/report/wording";
import { ResolvedReference } from "../../src/resolve/types";

/*
 * Every finding the report stage writes, read back by the CLI: the outcome, the vendor and the property come back
 * as they went in. Text from the resource or the catalog is any text on one line that does not start with blank
 * space (the grammar's line and column rules; a key or a vendor name breaking them is noted in the report of issue 12).
 */

const oneLine = fc.string({ unit: "binary", minLength: 1, maxLength: 30 }).filter((text) => !/[\n\r\u2028\u2029]/.test(text) && !/^\s/.test(text));
const vendorId = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,6}){0,2}$/);
const instant = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true });

const propertyPath = fc
  .array(
    fc.oneof(
      oneLine,
      fc.nat({ max: 9 }).map((i) => `[${i}]`),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((keys) => keys.reduce((path, key) => (key.startsWith("[") && path ? `${path}${key}` : childPath(path, key)), ""));

const vendor: fc.Arbitrary<Vendor> = fc.record({
  id: vendorId,
  name: oneLine,
  legalBasis: fc.array(fc.record({ title: oneLine, citation: oneLine, url: oneLine.map((rest) => `https://example.gov/${encodeURIComponent(rest)}`) }), {
    maxLength: 2,
  }),
  windows: fc.constant([]),
  exemptCategories: fc.array(oneLine, { maxLength: 2 }),
  identifiers: fc.constant({}),
});

const window: fc.Arbitrary<Window> = fc.record(
  { from: instant, until: instant, action: fc.constantFrom("warn" as const, "deny-new" as const, "deny" as const) },
  { requiredKeys: ["from", "action"] },
);

const exemption = fc.record({ vendor: vendorId, urn: oneLine, reason: oneLine, expires: instant });

function decision(v: Vendor): fc.Arbitrary<Decision> {
  const common = { vendor: fc.constant(v), window: fc.option(window, { nil: undefined }), expiredExemptions: fc.array(exemption, { maxLength: 2 }) };
  return fc.oneof(
    fc.record({ ...common, outcome: fc.constant("restricted" as const), level: fc.constantFrom<Level>("mandatory", "advisory") }),
    fc.record({
      ...common,
      outcome: fc.constant("grandfathered" as const),
      level: fc.constant<Level>("advisory"),
      allowedUntil: fc.option(instant, { nil: undefined }),
    }),
    fc.record({ ...common, outcome: fc.constant("exempted" as const), level: fc.constant<Level>("advisory"), exemption }),
    fc.record({ ...common, outcome: fc.constant("exempt-category" as const), level: fc.constant<Level>("advisory") }),
    fc.record({ ...common, outcome: fc.constant("upcoming" as const), level: fc.constant<Level>("advisory"), blockedFrom: instant }),
  );
}

const referenceKind = fc.constantFrom(...(Object.keys(KIND_LABEL) as ReferenceKind[]));
const identifier = fc.constantFrom(...(Object.keys(IDENTIFIER_LABEL) as Array<keyof typeof IDENTIFIER_LABEL>));

const resolved: fc.Arbitrary<ResolvedReference> = fc.record(
  {
    reference: fc.record(
      { kind: referenceKind, path: propertyPath, value: oneLine, facts: fc.constant({}), note: oneLine },
      { requiredKeys: ["kind", "path", "value", "facts"] },
    ),
    facts: fc.constant({}),
    resolution: oneLine,
    marketplace: fc.boolean(),
    lookupFailure: oneLine,
  },
  { requiredKeys: ["reference", "facts", "marketplace"] },
);

const hit = (v: Vendor): fc.Arbitrary<IdentifierHit> =>
  fc.record({
    owner: fc
      .option(fc.record({ name: oneLine, category: oneLine }), { nil: undefined })
      .map((product) => (product ? { vendor: v, product: { ...product, identifiers: {} } } : { vendor: v })),
    identifier,
    pattern: oneLine,
    value: oneLine,
  });

interface Written {
  finding: Finding;
  vendorId?: string;
  vendorName?: string;
  propertyPath?: string;
}

const decisionFindings: fc.Arbitrary<Written> = vendor.chain((v) =>
  fc
    .tuple(decision(v), fc.array(hit(v), { minLength: 1, maxLength: 3 }), fc.boolean(), resolved, oneLine, oneLine)
    .map(([d, hits, restricted, r, policyName, urn]) => ({
      finding: decisionFinding(d, { vendor: v, hits, restricted }, r, policyName, urn),
      vendorId: v.id,
      vendorName: v.name,
      propertyPath: r.reference.path,
    })),
);

const unknownReference: fc.Arbitrary<UnknownReference> = fc.record(
  {
    kind: fc.constant("unknown" as const),
    path: propertyPath,
    expected: oneLine,
    couldMatch: fc.array(identifier, { maxLength: 2 }),
    unresolvable: fc.record({ value: oneLine, action: oneLine }),
  },
  { requiredKeys: ["kind", "path", "expected", "couldMatch"] },
);

const concernedVendors = fc.array(fc.record({ vendor, window }), { minLength: 1, maxLength: 7 });

const unknownFindings: fc.Arbitrary<Written> = fc
  .tuple(unknownReference, fc.constantFrom<Level>("mandatory", "advisory"), concernedVendors)
  .map(([unknown, level, vendors]) => ({ finding: unknownFinding(unknown, { level, vendors }), propertyPath: unknown.path }));

const previewUnknownFindings: fc.Arbitrary<Written> = fc
  .tuple(unknownReference, concernedVendors, fc.array(fc.record({ urn: oneLine, type: oneLine }), { maxLength: 7 }))
  .map(([unknown, vendors, sources]) => ({ finding: previewUnknownFinding(unknown, vendors, sources), propertyPath: unknown.path }));

const lookupFailureFindings: fc.Arbitrary<Written> = fc
  .tuple(resolved, fc.constantFrom<Level>("mandatory", "advisory"), concernedVendors)
  .map(([r, level, vendors]) => ({ finding: lookupFailureFinding(r, { level, vendors }), propertyPath: r.reference.path }));

const unparseableReference: fc.Arbitrary<UnparseableReference> = fc.record(
  {
    kind: fc.constant("unparseable" as const),
    path: propertyPath,
    value: fc.string({ unit: "binary", maxLength: 200 }),
    expected: oneLine,
    problem: oneLine,
    limit: fc.constant(true as const),
  },
  { requiredKeys: ["kind", "path", "value", "expected", "problem"] },
);

const unparseableFindings: fc.Arbitrary<Written> = unparseableReference
  .filter((u) => !u.limit || !/[\n\r\u2028\u2029]/.test(u.value))
  .map((u) => ({ finding: unparseableFinding(u), propertyPath: u.path }));

const configErrorFindings: fc.Arbitrary<Written> = fc
  .tuple(oneLine, fc.array(oneLine, { minLength: 1, maxLength: 3 }))
  .map(([policyName, problems]) => ({ finding: configErrorFinding(policyName, problems) }));

function expectRoundTrip(written: fc.Arbitrary<Written>): void {
  fc.assert(
    fc.property(written, ({ finding, vendorId, vendorName, propertyPath }) => {
      const read = parseFindingFields(finding.message);
      expect(read.outcome).toBe(reportedOutcome(finding));
      expect(read.vendorId).toBe(vendorId);
      expect(read.vendorName).toBe(vendorName);
      expect(read.propertyPath).toBe(propertyPath);
    }),
    { numRuns: 300 },
  );
}

describe("a finding's message read back by the CLI", () => {
  it("gives a decision's outcome, vendor and property", () => expectRoundTrip(decisionFindings));

  it("gives a value unknown at update as unchecked, at its property, with no vendor", () => expectRoundTrip(unknownFindings));

  it("gives a value unknown at preview as unchecked, at its property, with no vendor", () => expectRoundTrip(previewUnknownFindings));

  it("gives a failed AMI lookup as unchecked, at its property, with no vendor", () => expectRoundTrip(lookupFailureFindings));

  it("gives a value that does not parse, or a scan limit, as unchecked at its property", () => expectRoundTrip(unparseableFindings));

  it("gives an invalid config as a config error, with no property or vendor", () => expectRoundTrip(configErrorFindings));
});

describe("the outcome a finding reports", () => {
  it("is blocked for a mandatory restriction and a warning for an advisory one", () => {
    expect(reportedOutcome({ outcome: "restricted", level: "mandatory" })).toBe("blocked");
    expect(reportedOutcome({ outcome: "restricted", level: "advisory" })).toBe("warning");
  });

  it("is unchecked for an unknown value and for one that does not parse", () => {
    expect(reportedOutcome({ outcome: "unknown", level: "mandatory" })).toBe("unchecked");
    expect(reportedOutcome({ outcome: "unparseable", level: "advisory" })).toBe("unchecked");
  });
});
