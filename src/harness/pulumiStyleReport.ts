import type { LocatedDiagnostic } from "./analyzeResources";

interface PackLabel {
  name: string;
  version: string;
  /** How the pack was given, e.g. "local: ." like `pulumi preview --policy-pack .`. */
  source: string;
}

const LEVEL_ORDER: Record<string, number> = { mandatory: 0, remediate: 1, advisory: 2, disabled: 3 };

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((l) => (l === "" ? "" : prefix + l))
    .join("\n");
}

/** The "Policies:" section `pulumi preview` prints: per pack, one entry per violation, message indented. */
export function formatPoliciesSection(pack: PackLabel, diagnostics: LocatedDiagnostic[]): string {
  const mandatory = diagnostics.some((d) => d.enforcementLevel === "mandatory");
  const mark = mandatory ? "❌" : diagnostics.length > 0 ? "⚠️" : "✅";
  const lines = ["Policies:", `    ${mark} ${pack.name}@v${pack.version} (${pack.source})`];
  const sorted = [...diagnostics].sort((a, b) => (LEVEL_ORDER[a.enforcementLevel] ?? 9) - (LEVEL_ORDER[b.enforcementLevel] ?? 9));
  for (const d of sorted) {
    const where = d.resourceName !== undefined ? `  (${d.resourceType}: ${d.resourceName})` : "";
    lines.push(`        - [${d.enforcementLevel}]  ${d.policyName}${where}`);
    lines.push(indent(d.message, "          "));
  }
  return lines.join("\n");
}
