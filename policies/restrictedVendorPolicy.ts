import { EnforcementLevel, PolicyConfigSchema, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { Catalog } from "../src/catalog/types";
import { policyConfigDefinition } from "../src/config/definition";
import { Settings } from "../src/config/settings";
import { SettingsCache } from "../src/config/settingsCache";
import { unknownsWaitForStackPass } from "../src/decide/decision";
import { RunPhase } from "../src/decide/phase";
import { evaluateResource } from "../src/evaluate/evaluateResource";
import { previewUnknowns } from "../src/evaluate/previewUnknowns";
import { PolicyScope } from "../src/evaluate/scope";
import { ResourceInput } from "../src/extract/types";
import { configErrorFinding } from "../src/report/messages";
import { resolverFor } from "../src/resolve/resolverFor";
import { rawProperties, reportFinding } from "../src/sdk/policySdk";
import { PolicyName } from "../src/config/policyNames";

export interface PolicyMetadata {
  name: PolicyName;
  description: string;
  remediationSteps: string;
  severity: "low" | "medium" | "high" | "critical";
}

interface PolicyOptions {
  catalog: Catalog;
  enforcementLevel?: EnforcementLevel;
  /** Read once from the environment the CLI starts the pack in, for every policy. */
  phase: RunPhase;
}

export type RestrictedVendorPolicy = ResourceValidationPolicy & StackValidationPolicy;

const DOCS_URL = "https://github.com/restricted-vendors/restricted-vendors#readme";

export const configSchema: PolicyConfigSchema = {
  properties: Object.fromEntries(Object.entries(policyConfigDefinition.fields).map(([key, field]) => [key, field.schema])),
};

interface SdkResource {
  type: string;
  urn: string;
  name: string;
  props: Record<string, unknown>;
  provider?: { props: Record<string, unknown> };
  propertyDependencies?: Record<string, Array<{ urn: string; type: string }>>;
}

/** What the stages see of a resource the SDK hands over, whether to Analyze or to AnalyzeStack (which adds propertyDependencies). */
function toResourceInput(r: SdkResource, settings: Settings): ResourceInput {
  const input: ResourceInput = {
    type: r.type,
    urn: r.urn,
    name: r.name,
    props: rawProperties(r.props),
    providerProps: r.provider && rawProperties(r.provider.props),
    programDirectory: settings.programDirectory,
  };
  if (r.propertyDependencies) {
    input.propertyDependencies = Object.fromEntries(
      Object.entries(r.propertyDependencies).map(([key, sources]) => [key, sources.map(({ urn, type }) => ({ urn, type }))]),
    );
  }
  return input;
}

/** Builds one policy from its metadata and scope; every restricted-vendor policy runs the same pipeline. */
export function restrictedVendorPolicy(metadata: PolicyMetadata, scope: PolicyScope, options: PolicyOptions): RestrictedVendorPolicy {
  const settingsCache = new SettingsCache(options.catalog);
  const { phase } = options;
  return {
    ...metadata,
    url: DOCS_URL,
    enforcementLevel: options.enforcementLevel ?? "mandatory",
    configSchema,
    validateResource: async (args, reportViolation) => {
      const compiled = settingsCache.get(args.getConfig<Record<string, unknown>>());
      if (!compiled.ok) {
        if (scope.extractors.some((e) => e.appliesTo(args.type))) reportFinding(reportViolation, configErrorFinding(metadata.name, compiled.problems));
        return;
      }
      const findings = await evaluateResource(toResourceInput(args, compiled.settings), scope, compiled.settings, resolverFor(compiled.settings), phase);
      for (const finding of findings) reportFinding(reportViolation, finding);
    },
    validateStack: async (args, reportViolation) => {
      // A broken config is reported here too, so that a stack in which no resource is of a type this
      // policy examines still learns that nothing was checked.
      const compiled = settingsCache.get(args.getConfig<Record<string, unknown>>());
      if (!compiled.ok) {
        reportFinding(reportViolation, configErrorFinding(metadata.name, compiled.problems));
        return;
      }
      const resources = args.resources.map((r) => toResourceInput(r, compiled.settings));
      if (unknownsWaitForStackPass(compiled.settings, phase)) {
        for (const { urn, finding } of previewUnknowns(resources, scope, compiled.settings)) reportFinding(reportViolation, finding, urn);
      }
      if (!scope.evaluateStack) return;
      for (const { urn, finding } of await scope.evaluateStack(resources, compiled.settings, phase)) reportFinding(reportViolation, finding, urn);
    },
  };
}
