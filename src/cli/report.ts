import type { LocatedDiagnostic } from "../harness/analyzeResources";
import type { EnforcementLevel } from "../harness/types";
import type { Outcome } from "./findingFields";
import type { StackInput } from "./stackInputs";

/** Bumped on any incompatible change to the JSON report; documented in docs/cli.md ("JSON report schema"). */
export const REPORT_SCHEMA = "restricted-vendors/report";
export const REPORT_SCHEMA_VERSION = "1.1";

export interface Grandfathering {
  /** The scan added the URN to `grandfathered` because the resource existed before the deny-new date. */
  source: "creation-time" | "export-time";
  existedAt: string;
  denyNewFrom: string;
}

export interface ReportDiagnostic {
  policy: string;
  level: EnforcementLevel;
  urn: string | null;
  resourceType: string | null;
  resourceName: string | null;
  phase: LocatedDiagnostic["phase"];
  outcome: Outcome;
  propertyPath: string | null;
  vendor: { id: string; name: string | null } | null;
  reference: string | null;
  legalBasis: Array<{ title: string; citation: string; url: string }>;
  window: string | null;
  grandfathering: Grandfathering | null;
  location: { file: string; line: number } | null;
  message: string;
}

export interface StackReport {
  source: string;
  kind: StackInput["kind"];
  project: string;
  stack: string;
  resources: number;
  summary: { mandatory: number; advisory: number };
  diagnostics: ReportDiagnostic[];
  /** preview --check-expected: the program's expected.json verdict. */
  expectation?: { asExpected: boolean; differences: string[] };
}

export interface GrandfatherCandidate {
  urn: string;
  policy: string;
  vendor: string;
  existedAt: string;
  basis: "created" | "export-time";
  denyNewFrom: string;
  source: string;
}

export interface InputFailure {
  source: string;
  problem: string;
  /** The policy pack process died, hung or would not start on this input, also after a restart. */
  packFault?: PackFaultReport;
}

interface PackFaultReport {
  /** How the process ended: "was killed by SIGKILL", "exited with code 1", "gave no answer within 120 s"... */
  reason: string;
  /** The request: "Analyze", "AnalyzeStack over 12 resources", "start"... */
  during: string;
  /** The URN the pack was analyzing, when the request was an Analyze. */
  resource: string | null;
  /** The last lines the process wrote to stderr. */
  stderr: string[];
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: string; version: string };
  command: "preview" | "scan" | "grandfather";
  generatedAt: string;
  asOf: string | null;
  /** Empty strings when the pack could not be started (the one error then says why). */
  policyPack: { name: string; version: string };
  policies: Array<{ name: string; description: string; enforcementLevel: EnforcementLevel; url: string; remediationSteps: string }>;
  summary: { stacks: number; resources: number; mandatory: number; advisory: number; inputErrors: number };
  stacks: StackReport[];
  errors: InputFailure[];
  /** A Ctrl-C or SIGTERM stopped the run: `stacks` and `errors` cover only the inputs finished before it. */
  interrupted: boolean;
  grandfather?: { candidates: GrandfatherCandidate[]; config: Record<string, { grandfathered: string[] }> };
}

export function countLevels(diagnostics: ReportDiagnostic[]): { mandatory: number; advisory: number } {
  return {
    mandatory: diagnostics.filter((d) => d.level === "mandatory").length,
    advisory: diagnostics.filter((d) => d.level === "advisory").length,
  };
}
