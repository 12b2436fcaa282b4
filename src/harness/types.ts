export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export type Severity = "low" | "medium" | "high" | "critical";

/** Properties are in Pulumi's wire form: see wireValues.ts for secrets and unknowns. */
export interface AnalyzedProvider {
  type: string;
  name: string;
  urn: string;
  properties: Record<string, unknown>;
}

export interface AnalyzedResource {
  type: string;
  name: string;
  urn: string;
  properties: Record<string, unknown>;
  provider?: AnalyzedProvider;
  parent?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
}

export interface Diagnostic {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  message: string;
  enforcementLevel: EnforcementLevel;
  urn: string;
  severity?: Severity;
}

interface PolicyConfigSchema {
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
}

export interface PolicyInfo {
  name: string;
  displayName: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  policyType: "resource" | "stack" | "unknown";
  configSchema?: PolicyConfigSchema;
  severity?: Severity;
  remediationSteps: string;
  url: string;
}

export interface AnalyzerInfo {
  name: string;
  version: string;
  displayName: string;
  description: string;
  supportsConfig: boolean;
  policies: PolicyInfo[];
  /** Config the pack was constructed with (PolicyPack's third argument), as the CLI receives it. */
  initialConfig: Record<string, { enforcementLevel: EnforcementLevel; properties: Record<string, unknown> }>;
}
