import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { parseInstant, INSTANT_FORMAT_HINT } from "./instant";

/**
 * A typed field definition that yields both the JSON Schema Pulumi shows and validates, and the strict
 * parser the pack runs. One definition, so the schema and the code cannot drift apart.
 */
export interface Field<T> {
  readonly schema: PolicyConfigJSONSchema;
  /** Returns the parsed value, or undefined after pushing at least one problem. */
  parse(value: unknown, path: string, problems: string[]): T | undefined;
}

const describe = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;

const withDescription = (schema: PolicyConfigJSONSchema, description?: string): PolicyConfigJSONSchema => (description ? { ...schema, description } : schema);

export function stringField(opts: { description?: string; pattern?: RegExp; patternHint?: string; minLength?: number } = {}): Field<string> {
  const schema: PolicyConfigJSONSchema = { type: "string" };
  if (opts.pattern) schema.pattern = opts.pattern.source;
  if (opts.minLength !== undefined) schema.minLength = opts.minLength;
  return {
    schema: withDescription(schema, opts.description),
    parse(value, path, problems) {
      if (typeof value !== "string") {
        problems.push(`${path} must be a string, got ${describe(value)}`);
        return undefined;
      }
      if (opts.minLength !== undefined && value.length < opts.minLength) {
        problems.push(`${path} must not be empty`);
        return undefined;
      }
      if (opts.pattern && !opts.pattern.test(value)) {
        problems.push(`${path} ${JSON.stringify(value)} is not ${opts.patternHint ?? `of the form ${opts.pattern.source}`}`);
        return undefined;
      }
      return value;
    },
  };
}

export function enumField<T extends string>(values: readonly T[], description?: string): Field<T> {
  return {
    schema: withDescription({ type: "string", enum: [...values] }, description),
    parse(value, path, problems) {
      if (typeof value === "string" && (values as readonly string[]).includes(value)) return value as T;
      problems.push(`${path} must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}, got ${describe(value)}`);
      return undefined;
    },
  };
}

/** An instant as the config writes it; parsed to a Date and checked against the real calendar. */
export function instantField(description?: string): Field<Date> {
  const shape = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
  return {
    schema: withDescription({ type: "string", pattern: shape.source }, description),
    parse(value, path, problems) {
      const instant = typeof value === "string" ? parseInstant(value) : undefined;
      if (!instant) problems.push(`${path} must be ${INSTANT_FORMAT_HINT}, got ${describe(value)}`);
      return instant;
    },
  };
}

export function integerField(opts: { minimum?: number; description?: string }): Field<number> {
  const schema: PolicyConfigJSONSchema = { type: "integer" };
  if (opts.minimum !== undefined) schema.minimum = opts.minimum;
  return {
    schema: withDescription(schema, opts.description),
    parse(value, path, problems) {
      if (typeof value !== "number" || !Number.isInteger(value)) {
        problems.push(`${path} must be an integer, got ${describe(value)}`);
        return undefined;
      }
      if (opts.minimum !== undefined && value < opts.minimum) {
        problems.push(`${path} must be >= ${opts.minimum}, got ${value}`);
        return undefined;
      }
      return value;
    },
  };
}

export function arrayField<T>(item: Field<T>, opts: { minItems?: number; description?: string } = {}): Field<T[]> {
  const schema: PolicyConfigJSONSchema = { type: "array", items: item.schema };
  if (opts.minItems !== undefined) schema.minItems = opts.minItems;
  return {
    schema: withDescription(schema, opts.description),
    parse(value, path, problems) {
      if (!Array.isArray(value)) {
        problems.push(`${path} must be an array, got ${describe(value)}`);
        return undefined;
      }
      if (opts.minItems !== undefined && value.length < opts.minItems) {
        problems.push(`${path} must have at least ${opts.minItems} item(s)`);
        return undefined;
      }
      const before = problems.length;
      const parsed = value.map((element, i) => item.parse(element, `${path}[${i}]`, problems));
      return problems.length === before ? (parsed as T[]) : undefined;
    },
  };
}

type FieldMap = Record<string, Field<unknown>>;
type ParsedObject<F extends FieldMap, R extends keyof F> = { [K in R]: F[K] extends Field<infer T> ? T : never } & {
  [K in Exclude<keyof F, R>]?: F[K] extends Field<infer T> ? T : never;
};

/** @public: named in the declarations emitted for fields built with objectField (TS4023 without the export). */
export interface ObjectField<F extends FieldMap, R extends keyof F> extends Field<ParsedObject<F, R>> {
  readonly fields: F;
  readonly required: readonly R[];
}

/** An object whose unknown keys are an error that names them: a misspelt key must never be ignored. */
export function objectField<F extends FieldMap, R extends keyof F & string = never>(
  fields: F,
  opts: { required?: readonly R[]; description?: string; allowUnknownKeys?: boolean } = {},
): ObjectField<F, R> {
  const required = opts.required ?? [];
  const properties: Record<string, PolicyConfigJSONSchema> = {};
  for (const [key, field] of Object.entries(fields)) properties[key] = field.schema;
  const schema: PolicyConfigJSONSchema = { type: "object", properties };
  if (required.length > 0) schema.required = [...required];
  if (!opts.allowUnknownKeys) schema.additionalProperties = false;
  return {
    fields,
    required,
    schema: withDescription(schema, opts.description),
    parse(value, path, problems) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        problems.push(`${path} must be an object, got ${describe(value)}`);
        return undefined;
      }
      const before = problems.length;
      const record = value as Record<string, unknown>;
      const unknownKeys = Object.keys(record).filter((key) => !(key in fields));
      if (unknownKeys.length > 0 && !opts.allowUnknownKeys) {
        problems.push(
          `${path} has unknown key${unknownKeys.length > 1 ? "s" : ""} ${unknownKeys.map((k) => JSON.stringify(k)).join(", ")} (known keys: ${Object.keys(fields).join(", ")})`,
        );
      }
      for (const key of required) {
        if (record[key] === undefined) problems.push(`${path}.${key} is required`);
      }
      const parsed: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(fields)) {
        if (record[key] === undefined) continue;
        parsed[key] = field.parse(record[key], `${path}.${key}`, problems);
      }
      return problems.length === before ? (parsed as ParsedObject<F, R>) : undefined;
    },
  };
}
