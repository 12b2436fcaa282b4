import { readJsonFile } from "../util/inputFiles";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import type { AnalyzerInfo, EnforcementLevel } from "./types";
import { ENFORCEMENT_LEVELS } from "./types";

/**
 * Reproduces what the Pulumi CLI does with `--policy-pack-config` before it calls Configure
 * (pkg/resource/analyzer/config.go): parse the file, start from each policy's schema defaults,
 * apply the pack's initial config, then the file ("all" first), and validate each policy's
 * properties against its configSchema. The CLI accepts unknown keys and unknown policy names.
 */

/** Parsed entry: enforcementLevel "" means "not given", as in the CLI. */
interface PolicyConfigEntry {
  enforcementLevel: EnforcementLevel | "";
  properties?: Record<string, unknown>;
}

export type PolicyPackConfig = Record<string, PolicyConfigEntry>;

export class PolicyPackConfigError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [message],
  ) {
    super(message);
    this.name = "PolicyPackConfigError";
  }
}

function isLevel(v: unknown): v is EnforcementLevel {
  return typeof v === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function parsePolicyPackConfig(raw: unknown): PolicyPackConfig {
  if (raw === undefined || raw === null) {
    return {};
  }
  if (!isPlainObject(raw)) {
    throw new PolicyPackConfigError("policy pack config must be a JSON object");
  }
  const result: PolicyPackConfig = {};
  for (const [key, value] of Object.entries(raw)) {
    let enforcementLevel: EnforcementLevel | "" = "";
    let properties: Record<string, unknown> | undefined;
    if (typeof value === "string") {
      if (!isLevel(value)) {
        throw new PolicyPackConfigError(`parsing enforcement level for "${key}": "${value}" is not a valid enforcement level`);
      }
      enforcementLevel = value;
    } else if (isPlainObject(value)) {
      const rest = { ...value };
      if ("enforcementLevel" in rest) {
        const el = rest.enforcementLevel;
        if (typeof el !== "string") {
          throw new PolicyPackConfigError(`parsing enforcement level for "${key}": ${JSON.stringify(el)} is not a valid enforcement level; must be a string`);
        }
        if (!isLevel(el)) {
          throw new PolicyPackConfigError(`parsing enforcement level for "${key}": "${el}" is not a valid enforcement level`);
        }
        enforcementLevel = el;
        delete rest.enforcementLevel;
      }
      if (Object.keys(rest).length > 0) {
        properties = rest;
      }
    } else {
      throw new PolicyPackConfigError(`parsing "${key}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
    }
    if (enforcementLevel === "" && properties === undefined) {
      continue;
    }
    result[key] = { enforcementLevel, ...(properties ? { properties } : {}) };
  }
  return result;
}

/** Reads a --policy-pack-config file; an empty file is allowed, as in the CLI. */
export function loadPolicyPackConfigFile(file: string): PolicyPackConfig {
  let raw: unknown;
  try {
    // An empty file is no config at all (undefined, which no JSON text parses to).
    raw = readJsonFile(file, { whenEmpty: undefined });
  } catch (e) {
    throw new PolicyPackConfigError((e as Error).message);
  }
  if (raw === undefined) {
    return {};
  }
  try {
    return parsePolicyPackConfig(raw);
  } catch (e) {
    throw new PolicyPackConfigError(`${file}: ${(e as Error).message}`);
  }
}

function createConfigWithDefaults(info: AnalyzerInfo): PolicyPackConfig {
  const result: PolicyPackConfig = {};
  for (const policy of info.policies) {
    let properties: Record<string, unknown> | undefined;
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
      if ("default" in schema) {
        properties = properties ?? {};
        properties[key] = schema.default;
      }
    }
    result[policy.name] = { enforcementLevel: policy.enforcementLevel, ...(properties ? { properties } : {}) };
  }
  return result;
}

function applyConfig(result: PolicyPackConfig, toApply: PolicyPackConfig): PolicyPackConfig {
  const all = toApply.all;
  if (all && all.enforcementLevel !== "") {
    for (const key of Object.keys(result)) {
      result[key] = { ...result[key], enforcementLevel: all.enforcementLevel };
    }
  }
  for (const [name, given] of Object.entries(toApply)) {
    const existing = result[name];
    const enforcementLevel = given.enforcementLevel !== "" ? given.enforcementLevel : (existing?.enforcementLevel ?? "");
    let properties = existing?.properties;
    if (given.properties && Object.keys(given.properties).length > 0) {
      properties = { ...(properties ?? {}), ...given.properties };
    }
    result[name] = { enforcementLevel, ...(properties ? { properties } : {}) };
  }
  return result;
}

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
// gojsonschema (used by the CLI) checks these formats; ajv knows none without ajv-formats.
ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat("date-time", {
  validate: (s: string) => /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
});

const validators = new Map<string, ValidateFunction>();

/**
 * The CLI validates in Go; ajv compiles a schema into code, which costs far more than validating. The policies
 * of a pack usually share one schema, so each distinct schema is compiled once, not once per policy.
 */
function compiledSchema(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

function jsonType(v: unknown): string {
  if (v === null) {
    return "null";
  }
  if (Array.isArray(v)) {
    return "array";
  }
  if (typeof v === "number") {
    return Number.isInteger(v) ? "integer" : "number";
  }
  return typeof v;
}

function valueAt(root: unknown, pointer: string): unknown {
  let cur = root;
  for (const seg of pointer.split("/").slice(1)) {
    const key = seg.replace(/~1/g, "/").replace(/~0/g, "~");
    cur = (cur as Record<string, unknown> | undefined)?.[key];
  }
  return cur;
}

/** Phrases an ajv error the way gojsonschema does, so messages read like the CLI's. */
function describe(err: ErrorObject, doc: unknown): string {
  const field = err.instancePath === "" ? "(root)" : err.instancePath.slice(1).split("/").join(".");
  const p = err.params as Record<string, unknown>;
  let text: string;
  switch (err.keyword) {
    case "required":
      text = `${p.missingProperty} is required`;
      break;
    case "type":
      text = `Invalid type. Expected: ${p.type}, given: ${jsonType(valueAt(doc, err.instancePath))}`;
      break;
    case "enum":
      text = `${field} must be one of the following: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
      break;
    case "additionalProperties":
      text = `Additional property ${p.additionalProperty} is not allowed`;
      break;
    case "minimum":
      text = `Must be greater than or equal to ${p.limit}`;
      break;
    case "maximum":
      text = `Must be less than or equal to ${p.limit}`;
      break;
    case "minLength":
      text = `String length must be greater than or equal to ${p.limit}`;
      break;
    case "minItems":
      text = `Array must have at least ${p.limit} items`;
      break;
    case "pattern":
      text = `Does not match pattern '${p.pattern}'`;
      break;
    case "format":
      text = `Does not match format '${p.format}'`;
      break;
    default:
      text = err.message ?? err.keyword;
  }
  return field === "(root)" ? text : `${field}: ${text}`;
}

/** Returns CLI-style problems, each "<policy>: <field>: <problem>"; empty when valid. */
export function validatePolicyPackConfig(info: AnalyzerInfo, config: PolicyPackConfig): string[] {
  const problems: string[] = [];
  for (const policy of info.policies) {
    if (!info.supportsConfig) {
      continue;
    }
    const schema: Record<string, unknown> = { type: "object" };
    // The CLI injects enforcementLevel into every schema when the pack supports config.
    const properties = {
      ...(policy.configSchema?.properties ?? {}),
      enforcementLevel: { type: "string", enum: [...ENFORCEMENT_LEVELS] },
    };
    schema.properties = properties;
    if (policy.configSchema?.required && policy.configSchema.required.length > 0) {
      schema.required = policy.configSchema.required;
    }
    const doc = config[policy.name]?.properties ?? {};
    const validate = compiledSchema(schema);
    if (!validate(doc)) {
      for (const err of validate.errors ?? []) {
        problems.push(`${policy.name}: ${describe(err, doc)}`);
      }
    }
  }
  return problems;
}

interface ReconciledConfig {
  /** What Configure receives: every policy, plus any other key the file named. */
  config: Record<string, { enforcementLevel: EnforcementLevel; properties: Record<string, unknown> }>;
}

/**
 * Defaults, then initial config, then the file; throws PolicyPackConfigError naming the policy and
 * key on schema violations, in the CLI's wording ("validating policy config: <pack> <version>  ...").
 */
export function reconcilePolicyPackConfig(info: AnalyzerInfo, fileConfig: PolicyPackConfig = {}): ReconciledConfig {
  let result = createConfigWithDefaults(info);
  const initial: PolicyPackConfig = {};
  for (const [k, v] of Object.entries(info.initialConfig)) {
    initial[k] = { enforcementLevel: v.enforcementLevel, ...(Object.keys(v.properties).length > 0 ? { properties: v.properties } : {}) };
  }
  result = applyConfig(result, initial);
  result = applyConfig(result, fileConfig);
  const problems = validatePolicyPackConfig(info, result).sort();
  if (problems.length > 0) {
    const lines = problems.map((p) => `validating policy config: ${info.name} ${info.version}  ${p}`);
    throw new PolicyPackConfigError(lines.join("\n"), lines);
  }
  const config: ReconciledConfig["config"] = {};
  for (const [name, entry] of Object.entries(result)) {
    // The CLI's Configure refuses a policy name the pack does not know when only properties were given.
    if (entry.enforcementLevel === "") {
      throw new PolicyPackConfigError(
        `configuring policy pack "${info.name}": invalid enforcement level "" (config for "${name}" gives properties but no enforcementLevel, and the pack has no such policy)`,
      );
    }
    config[name] = { enforcementLevel: entry.enforcementLevel, properties: entry.properties ?? {} };
  }
  return { config };
}
