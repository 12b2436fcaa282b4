import * as fs from "fs";
import { InputError, readJsonFile } from "../util/inputFiles";

/**
 * The mocks file beside a program (mocks.json): invoke answers, and optional output overrides for
 * registered resources keyed by resource name (checked first) or type token.
 */
interface InvokeMock {
  token: string;
  /** A subset of the invoke's arguments that must match; absent means any arguments. */
  args?: Record<string, unknown>;
  result: Record<string, unknown>;
}

interface MocksFile {
  invokes?: InvokeMock[];
  resources?: Record<string, Record<string, unknown>>;
}

export function loadMocksFile(file: string | undefined): MocksFile {
  if (!file || !fs.existsSync(file)) {
    return {};
  }
  const raw = readJsonFile(file);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new InputError(file, 'must be a JSON object with "invokes" and/or "resources"');
  }
  const mocks = raw as MocksFile;
  if (mocks.invokes !== undefined && !Array.isArray(mocks.invokes)) {
    throw new InputError(file, '"invokes" must be an array');
  }
  for (const [i, inv] of (mocks.invokes ?? []).entries()) {
    if (typeof inv?.token !== "string" || typeof inv.result !== "object" || inv.result === null) {
      throw new InputError(file, `invokes[${i}] needs a "token" string and a "result" object`);
    }
  }
  return mocks;
}

function matchesSubset(actual: unknown, expected: unknown): boolean {
  if (typeof expected !== "object" || expected === null) {
    return actual === expected;
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matchesSubset(actual[i], e));
  }
  if (typeof actual !== "object" || actual === null) {
    return false;
  }
  return Object.entries(expected).every(([k, v]) => matchesSubset((actual as Record<string, unknown>)[k], v));
}

// helm.v3.Chart renders its chart through this invoke, which only the Kubernetes provider can run.
const HELM_TEMPLATE = "kubernetes:helm:template";

/** The error for an invoke nobody answered: the token, and the mocks.json entry that answers it. */
function missingAnswer(token: string, args: Record<string, unknown>, mocksPath: string): string {
  const helm = token === HELM_TEMPLATE;
  const entry = JSON.stringify({ token, args, result: helm ? { result: [] } : {} });
  const fill = helm
    ? `helm.v3.Chart renders its chart with this invoke, which only the Kubernetes provider can run: put the rendered manifests in "result.result" as a JSON list (the output of \`helm template\`, converted from YAML)`
    : `put in "result" the outputs the invoke would return (the same names as in the SDK's result type)`;
  return `no mock answer for invoke ${token} with arguments ${JSON.stringify(args)}: add ${entry} to "invokes" in ${mocksPath}; ${fill}`;
}

export function answerInvoke(mocks: MocksFile, token: string, args: Record<string, unknown>, mocksPath: string): Record<string, unknown> {
  const hit = (mocks.invokes ?? []).find((inv) => inv.token === token && (inv.args === undefined || matchesSubset(args, inv.args)));
  if (!hit) {
    throw new Error(missingAnswer(token, args, mocksPath));
  }
  return hit.result;
}

export function resourceOverrides(mocks: MocksFile, type: string, name: string): Record<string, unknown> {
  return { ...(mocks.resources?.[type] ?? {}), ...(mocks.resources?.[name] ?? {}) };
}
