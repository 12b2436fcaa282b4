import { policyConfigDefinition } from "../../src/config/definition";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { code, fillTemplate } from "./template";

function typeOf(schema: PolicyConfigJSONSchema): string {
  if (schema.enum) return schema.enum.map((v) => code(JSON.stringify(v))).join(" or ");
  if (schema.type === "array" && schema.items && !Array.isArray(schema.items) && typeof schema.items === "object") {
    return `array of ${typeOf(schema.items as PolicyConfigJSONSchema)}`;
  }
  return String(schema.type ?? "any");
}

const keys = () => Object.entries(policyConfigDefinition.fields).map(([key, field]) => [key, field.schema] as const);

function keysTable(): string {
  const rows = keys().map(
    ([key, schema]) => `| [${code(key)}](#${key.toLowerCase()}) | ${typeOf(schema)} | ${(schema.description ?? "").replace(/\|/g, "\\|")} |`,
  );
  return ["| key | type | meaning (the schema's description) |", "|---|---|---|", ...rows].join("\n");
}

/**
 * The page documents each key of the definition under a `### key` heading of its template: a key without its
 * section, or a section for a key the definition does not have, fails the generator, so the page cannot drift.
 */
export function configurationPage(): string {
  const page = fillTemplate("configuration.md", { keys: keysTable() });
  const documented = [...page.matchAll(/^### `([A-Za-z]+)`$/gm)].map((m) => m[1]);
  const defined = keys().map(([key]) => key);
  const missing = defined.filter((k) => !documented.includes(k));
  const extra = documented.filter((k) => !defined.includes(k));
  if (missing.length || extra.length) {
    throw new Error(`scripts/docs/templates/configuration.md: keys without a section: [${missing.join(", ")}]; sections for no key: [${extra.join(", ")}]`);
  }
  return page;
}
