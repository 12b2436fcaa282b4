import { EnforcementLevel, PolicyConfigSchema, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { Catalog } from "../src/catalog/types";
import { policyConfigDefinition } from "../src/config/definition";
import { SettingsCache } from "../src/config/settingsCache";
import { evaluateResource } from "../src/evaluate/evaluateResource";
import { PolicyScope } from "../src/evaluate/scope";
import { ResourceInput } from "../src/extract/types";
import { rawProperties } from "../src/props/unknown";
import { configErrorFinding } from "../src/report/messages";
import { resolverFor } from "../src/resolve/resolverFor";
import { emit } from "./emit";
import { PolicyName } from "./names";

export interface PolicyMetadata {
  name: PolicyName;
  description: string;
  remediationSteps: string;
  severity: "low" | "medium" | "high" | "critical";
}

export interface PolicyOptions {
  catalog: Catalog;
  enforcementLevel?: EnforcementLevel;
}

export type RestrictedVendorPolicy = ResourceValidationPolicy & StackValidationPolicy;

const DOCS_URL = "https://github.com/restricted-vendors/restricted-vendors#readme";

export const configSchema: PolicyConfigSchema = {
  properties: Object.fromEntries(Object.entries(policyConfigDefinition.fields).map(([key, field]) => [key, field.schema])),
};

/** What the stages see of a resource the SDK hands over, whether to Analyze or to AnalyzeStack. */
function toResourceInput(r: { type: string; urn: string; name: string; props: Record<string, unknown>; provider?: { props: Record<string, unknown> } }): ResourceInput {
  return { type: r.type, urn: r.urn, name: r.name, props: rawProperties(r.props), providerProps: r.provider?.props };
}

/** Builds one policy from its metadata and scope; every restricted-vendor policy runs the same pipeline. */
export function restrictedVendorPolicy(metadata: PolicyMetadata, scope: PolicyScope, options: PolicyOptions): RestrictedVendorPolicy {
  const settingsCache = new SettingsCache(options.catalog);
  return {
    ...metadata,
    url: DOCS_URL,
    enforcementLevel: options.enforcementLevel ?? "mandatory",
    configSchema,
    validateResource: async (args, reportViolation) => {
      const compiled = settingsCache.get(args.getConfig<Record<string, unknown>>());
      if (!compiled.ok) {
        if (scope.extractors.some((e) => e.appliesTo(args.type))) emit(reportViolation, configErrorFinding(metadata.name, compiled.problems));
        return;
      }
      const findings = await evaluateResource(toResourceInput(args), scope, compiled.settings, resolverFor(compiled.settings));
      for (const finding of findings) emit(reportViolation, finding);
    },
    validateStack: async (args, reportViolation) => {
      // A broken config is reported here too, so that a stack in which no resource is of a type this
      // policy examines still learns that nothing was checked.
      const compiled = settingsCache.get(args.getConfig<Record<string, unknown>>());
      if (!compiled.ok) {
        emit(reportViolation, configErrorFinding(metadata.name, compiled.problems));
        return;
      }
      if (!scope.evaluateStack) return;
      for (const { urn, finding } of await scope.evaluateStack(args.resources.map(toResourceInput), compiled.settings)) emit(reportViolation, finding, urn);
    },
  };
}
