import { ReportViolation } from "@pulumi/policy";
import { Finding } from "../src/report/finding";

/**
 * The SDK's object form of reportViolation (undocumented, so used only here) lets a diagnostic carry its
 * own level. A mandatory finding omits the level, so the level the policy is configured at applies; an
 * advisory one is always advisory. A window can therefore only ever lower the configured level: an audit
 * group (advisory) never receives a mandatory diagnostic.
 */
export function emit(reportViolation: ReportViolation, finding: Finding, urn?: string): void {
  const violation: { message: string; urn?: string; enforcementLevel?: "advisory" } = { message: finding.message };
  if (urn) violation.urn = urn;
  if (finding.level === "advisory") violation.enforcementLevel = "advisory";
  (reportViolation as unknown as (v: typeof violation) => void)(violation);
}
