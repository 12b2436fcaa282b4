import type { Report, ReportDiagnostic, StackReport } from "../report";

interface TextStyle {
  color: boolean;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

function levelTag(d: ReportDiagnostic, style: TextStyle): string {
  const tag = `[${d.level}]`;
  return d.level === "mandatory" ? paint(style.color, "31;1", tag) : d.level === "advisory" ? paint(style.color, "33", tag) : tag;
}

function grandfatheringLine(d: ReportDiagnostic, kind: StackReport["kind"]): string[] {
  const g = d.grandfathering;
  if (!g) {
    return [];
  }
  const file = kind === "stack-checkpoint" ? "checkpoint" : "export";
  const how = g.source === "creation-time" ? `its creation time ${g.existedAt}` : `the ${file}'s time ${g.existedAt} (the ${file} records no creation time)`;
  return [`grandfathered by this scan from ${how}, before the vendor's deny-new date ${g.denyNewFrom}`];
}

function stackSection(s: StackReport, style: TextStyle): string[] {
  const lines = [
    paint(style.color, "1", `${s.project}/${s.stack}`) +
      `  (${s.source}; ${s.resources} resources; ${s.summary.mandatory} mandatory, ${s.summary.advisory} advisory)`,
  ];
  if (s.expectation) {
    lines.push(s.expectation.asExpected ? "  as expected" : ["  NOT as expected", ...s.expectation.differences.map((x) => `    - ${x}`)].join("\n"));
  }
  // Grouped by resource, in the stack's order; stack-level diagnostics last.
  const groups = new Map<string, ReportDiagnostic[]>();
  for (const d of s.diagnostics) {
    const key = d.urn ?? "";
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  for (const [urn, diags] of groups) {
    const first = diags[0];
    lines.push(urn ? `  ${first.resourceType}  ${first.resourceName}` : "  (stack)");
    for (const d of diags) {
      lines.push(`    - ${levelTag(d, style)}  ${d.policy}`);
      for (const l of [...d.message.split("\n"), ...grandfatheringLine(d, s.kind)]) {
        lines.push(`        ${l}`);
      }
    }
  }
  return lines;
}

export function renderText(report: Report, style: TextStyle): string {
  const out: string[] = [];
  for (const s of report.stacks) {
    out.push(...stackSection(s, style), "");
  }
  if (report.grandfather) {
    const c = report.grandfather.candidates;
    out.push(
      c.length === 0
        ? "No resource references a restricted vendor from before its deny-new date."
        : `${c.length} resource(s) existed before their vendor's deny-new date:`,
    );
    for (const x of c) {
      out.push(`  ${x.urn}  (${x.policy}, vendor ${x.vendor}, ${x.basis === "created" ? "created" : "exported"} ${x.existedAt}, deny-new ${x.denyNewFrom})`);
    }
    if (c.length > 0) {
      out.push("", "Policy-pack config to add (merge into your --policy-pack-config file):", JSON.stringify(report.grandfather.config, null, 2));
    }
    out.push("");
  }
  for (const e of report.errors) {
    out.push(paint(style.color, "31", `error: ${e.source}: ${e.problem}`));
  }
  const s = report.summary;
  out.push(
    `${s.stacks} stack(s), ${s.resources} resource(s): ${s.mandatory} mandatory, ${s.advisory} advisory` +
      (s.inputErrors ? `; ${s.inputErrors} input(s) failed: ${report.errors.map((e) => e.source).join(", ")}` : ""),
  );
  if (report.interrupted) {
    out.push(paint(style.color, "31", "interrupted: the report covers only the inputs finished before it"));
  }
  return out.join("\n") + "\n";
}
