import { InputError, readJsonFile } from "../util/inputFiles";
import type { LocatedDiagnostic } from "./analyzeResources";
import { ENFORCEMENT_LEVELS, type EnforcementLevel } from "./types";

/**
 * expected.json beside an example: the diagnostics it must produce, and what else may appear.
 *
 * {
 *   "description": "why this example exists",
 *   "diagnostics": [
 *     { "policy": "restricted-vendor-ami", "level": "mandatory", "resource": "web",
 *       "messageContains": ["ami-0123", "Kaspersky"] }
 *   ],
 *   "otherDiagnostics": "advisory-only"   // default; or "none": nothing unlisted at any level
 *   "configError": "substring"           // instead: the config must be refused with this text
 * }
 *
 * Each listed diagnostic must be matched by at least one produced diagnostic; "resource" is the
 * resource name (omit it for a stack-level diagnostic, or to accept any resource).
 */
export interface ExpectedDiagnostic {
  policy: string;
  level: EnforcementLevel;
  resource?: string;
  messageContains?: string[];
}

export interface ExpectedOutcome {
  description?: string;
  diagnostics: ExpectedDiagnostic[];
  otherDiagnostics: "advisory-only" | "none";
  configError?: string;
}

function parseExpectedOutcome(raw: unknown, file: string): ExpectedOutcome {
  const fail = (why: string): never => {
    throw new InputError(file, why);
  };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    fail("must be a JSON object");
  }
  const o = raw as Record<string, unknown>;
  const known = ["description", "diagnostics", "otherDiagnostics", "configError"];
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) {
      fail(`unknown key "${k}" (expected ${known.join(", ")})`);
    }
  }
  const list = o.diagnostics ?? [];
  if (!Array.isArray(list)) {
    fail('"diagnostics" must be an array');
  }
  const diagnostics = (list as unknown[]).map((d, i): ExpectedDiagnostic => {
    const e = d as Record<string, unknown>;
    if (typeof e?.policy !== "string") {
      fail(`diagnostics[${i}].policy must be a string`);
    }
    if (!(ENFORCEMENT_LEVELS as readonly unknown[]).includes(e.level)) {
      fail(`diagnostics[${i}].level must be one of ${ENFORCEMENT_LEVELS.join(", ")}`);
    }
    if (e.resource !== undefined && typeof e.resource !== "string") {
      fail(`diagnostics[${i}].resource must be a string`);
    }
    const mc = e.messageContains === undefined ? [] : typeof e.messageContains === "string" ? [e.messageContains] : e.messageContains;
    if (!Array.isArray(mc) || mc.some((s) => typeof s !== "string")) {
      fail(`diagnostics[${i}].messageContains must be a string or an array of strings`);
    }
    return {
      policy: e.policy as string,
      level: e.level as EnforcementLevel,
      ...(e.resource !== undefined ? { resource: e.resource as string } : {}),
      messageContains: mc as string[],
    };
  });
  const other = o.otherDiagnostics ?? "advisory-only";
  if (other !== "advisory-only" && other !== "none") {
    fail('"otherDiagnostics" must be "advisory-only" or "none"');
  }
  if (o.configError !== undefined && typeof o.configError !== "string") {
    fail('"configError" must be a string');
  }
  return {
    ...(typeof o.description === "string" ? { description: o.description } : {}),
    diagnostics,
    otherDiagnostics: other as ExpectedOutcome["otherDiagnostics"],
    ...(typeof o.configError === "string" ? { configError: o.configError } : {}),
  };
}

export function loadExpectedOutcome(file: string): ExpectedOutcome {
  return parseExpectedOutcome(readJsonFile(file), file);
}

function matches(d: LocatedDiagnostic, e: ExpectedDiagnostic): boolean {
  return (
    d.policyName === e.policy &&
    d.enforcementLevel === e.level &&
    (e.resource === undefined || d.resourceName === e.resource) &&
    (e.messageContains ?? []).every((s) => d.message.includes(s))
  );
}

function describeExpected(e: ExpectedDiagnostic): string {
  const contains = (e.messageContains ?? []).map((s) => JSON.stringify(s)).join(", ");
  return `[${e.level}] ${e.policy}${e.resource !== undefined ? ` on ${e.resource}` : ""}${contains ? ` containing ${contains}` : ""}`;
}

function describeActual(d: LocatedDiagnostic): string {
  return `[${d.enforcementLevel}] ${d.policyName}${d.resourceName !== undefined ? ` on ${d.resourceName}` : " (stack)"}: ${d.message.split("\n").slice(-1)[0]}`;
}

/** Differences between what an example produced and what it states; empty means as expected. */
export function compareOutcome(expected: ExpectedOutcome, diagnostics: LocatedDiagnostic[]): string[] {
  const differences: string[] = [];
  for (const e of expected.diagnostics) {
    if (!diagnostics.some((d) => matches(d, e))) {
      const near = diagnostics.filter((d) => d.policyName === e.policy && (e.resource === undefined || d.resourceName === e.resource));
      const hint = near.length > 0 ? `; closest: ${near.map(describeActual).join(" | ")}` : "";
      differences.push(`missing ${describeExpected(e)}${hint}`);
    }
  }
  for (const d of diagnostics) {
    const listed = expected.diagnostics.some((e) => matches(d, e));
    const tolerated = expected.otherDiagnostics === "advisory-only" && d.enforcementLevel !== "mandatory";
    if (!listed && !tolerated) {
      differences.push(`unexpected ${describeActual(d)}`);
    }
  }
  return differences;
}
