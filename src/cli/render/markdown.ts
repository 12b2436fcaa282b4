import type { Report, ReportDiagnostic } from "../report";

const cell = (s: string | null | undefined) => (s ?? "").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

function verdict(report: Report): string {
  const s = report.summary;
  if (report.interrupted) {
    return "⚠️ interrupted: only the inputs finished before it are reported";
  }
  if (s.inputErrors > 0) {
    return `⚠️ ${s.inputErrors} input(s) could not be checked`;
  }
  return s.mandatory > 0 ? `❌ ${s.mandatory} mandatory violation(s)` : "✅ no mandatory violation";
}

function row(d: ReportDiagnostic, stack: string): string {
  const resource = d.resourceName ? `\`${cell(d.resourceName)}\` (${cell(d.resourceType)})` : "(stack)";
  const vendor = d.vendor ? cell(d.vendor.id) : "";
  const citation = d.legalBasis.map((b) => cell(b.citation)).join("; ");
  const note = d.grandfathering
    ? `grandfathered from ${d.grandfathering.source === "creation-time" ? "creation time" : "export time"} ${cell(d.grandfathering.existedAt)}`
    : cell(d.window);
  return `| ${d.level} | ${cell(stack)} | ${resource} | ${cell(d.policy)} | ${vendor} | ${cell(d.reference)} | ${citation} | ${note} |`;
}

/** A pull-request comment: verdict, per-stack counts, then one row per diagnostic (mandatory first). */
export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const lines = [
    `### restricted-vendors ${report.command}: ${verdict(report)}`,
    "",
    `${s.stacks} stack(s), ${s.resources} resource(s); ${s.mandatory} mandatory, ${s.advisory} advisory. Policy pack ${report.policyPack.name ? `${report.policyPack.name}@${report.policyPack.version}` : "not started"}${report.asOf ? `, as of ${report.asOf}` : ""}.`,
    "",
    "| Stack | Source | Resources | Mandatory | Advisory |",
    "| --- | --- | ---: | ---: | ---: |",
    ...report.stacks.map(
      (st) => `| ${cell(`${st.project}/${st.stack}`)} | ${cell(st.source)} | ${st.resources} | ${st.summary.mandatory} | ${st.summary.advisory} |`,
    ),
  ];
  const all = report.stacks.flatMap((st) => st.diagnostics.map((d) => ({ d, stack: `${st.project}/${st.stack}` })));
  if (all.length > 0) {
    all.sort((a, b) => (a.d.level === b.d.level ? 0 : a.d.level === "mandatory" ? -1 : 1));
    lines.push(
      "",
      "| Level | Stack | Resource | Policy | Vendor | Reference | Legal basis | Window |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      ...all.map(({ d, stack }) => row(d, stack)),
    );
  }
  if (report.grandfather && report.grandfather.candidates.length > 0) {
    lines.push(
      "",
      "Grandfathering config for resources that existed before their vendor's deny-new date:",
      "",
      "```json",
      JSON.stringify(report.grandfather.config, null, 2),
      "```",
    );
  }
  if (report.errors.length > 0) {
    lines.push("", "Inputs that could not be checked:", "", ...report.errors.map((e) => `- \`${cell(e.source)}\`: ${cell(e.problem)}`));
  }
  return lines.join("\n") + "\n";
}
