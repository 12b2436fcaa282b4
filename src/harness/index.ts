export { startPack, type PackProcess, type StartPackOptions, type StackContext } from "./packProcess";
export { secret, UNKNOWN, urnFor, isWireSecret, isUnknown, SECRET_SIG_KEY, SECRET_SIG_VALUE } from "./wireValues";
export type { AnalyzedResource, AnalyzedProvider, AnalyzerInfo, Diagnostic, EnforcementLevel, PolicyInfo, Severity } from "./types";
export {
  parsePolicyPackConfig,
  loadPolicyPackConfigFile,
  reconcilePolicyPackConfig,
  validatePolicyPackConfig,
  PolicyPackConfigError,
  type PolicyPackConfig,
} from "./policyPackConfig";
export { runProgram, ProgramError, type RunProgramOptions } from "./runProgram";
export { toAnalyzedResources, type CapturedResource, type ProgramRun } from "./capturedResource";
export { analyzeResources, analyzeEach, analyzeStackOnce, nameFromUrn, typeFromUrn, type LocatedDiagnostic, type AnalyzeOptions } from "./analyzeResources";
export { formatPoliciesSection } from "./pulumiStyleReport";
export { repositoryPackDir } from "./repositoryPackDir";
export { loadExpectedOutcome, compareOutcome, type ExpectedOutcome, type ExpectedDiagnostic } from "./expectedOutcome";
