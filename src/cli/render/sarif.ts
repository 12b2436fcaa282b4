import { createHash } from "crypto";
import * as path from "path";
import type { Report, ReportDiagnostic } from "../report";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

function level(d: ReportDiagnostic): "error" | "warning" | "note" | "none" {
  switch (d.level) {
    case "mandatory":
      return "error";
    case "advisory":
      return "warning";
    case "remediate":
      return "warning";
    case "disabled":
      return "none";
  }
}

/** Repository-relative, forward slashes: what GitHub code scanning resolves against the checkout. */
function artifactUri(file: string, baseDir: string): string {
  const rel = path.relative(baseDir, path.resolve(file));
  return rel.split(path.sep).map(encodeURIComponent).join("/");
}

function fingerprint(d: ReportDiagnostic, stackSource: string): string {
  return createHash("sha256")
    .update([d.policy, d.urn ?? stackSource, d.propertyPath ?? "", d.reference ?? ""].join("\u0000"))
    .digest("hex");
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per policy, one result per diagnostic, located at the
 * resource's line in the export file or where the program constructs it (else the input itself).
 */
export function renderSarif(report: Report, baseDir: string = process.cwd()): string {
  const rules = report.policies.map((p) => ({
    id: p.name,
    name: p.name,
    shortDescription: { text: p.description },
    fullDescription: { text: p.description },
    ...(p.url ? { helpUri: p.url } : {}),
    help: { text: p.remediationSteps || p.description },
    defaultConfiguration: { level: p.enforcementLevel === "mandatory" ? "error" : p.enforcementLevel === "disabled" ? "none" : "warning" },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.stacks.flatMap((s) =>
    s.diagnostics.map((d) => {
      const loc = d.location ?? { file: s.source, line: 1 };
      return {
        ruleId: d.policy,
        ...(ruleIndex.has(d.policy) ? { ruleIndex: ruleIndex.get(d.policy) } : {}),
        level: level(d),
        message: { text: d.message },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: artifactUri(loc.file, baseDir) }, region: { startLine: Math.max(1, loc.line) } },
            ...(d.urn ? { logicalLocations: [{ fullyQualifiedName: d.urn, kind: "resource" }] } : {}),
          },
        ],
        partialFingerprints: { "restrictedVendorsFinding/v1": fingerprint(d, s.source) },
        properties: {
          stack: `${s.project}/${s.stack}`,
          enforcementLevel: d.level,
          outcome: d.outcome,
          ...(d.vendor ? { vendor: d.vendor.id } : {}),
          ...(d.grandfathering ? { grandfathering: d.grandfathering } : {}),
        },
      };
    }),
  );
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: { name: report.tool.name, version: report.tool.version, informationUri: "https://github.com/restricted-vendors/restricted-vendors", rules },
        },
        invocations: [
          {
            executionSuccessful: report.errors.length === 0 && !report.interrupted,
            toolExecutionNotifications: [
              ...report.errors.map((e) => ({
                level: "error",
                message: { text: `${e.source}: ${e.problem}` },
                locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(e.source, baseDir) } } }],
              })),
              ...(report.interrupted ? [{ level: "error", message: { text: "interrupted: only the inputs finished before it are reported" } }] : []),
            ],
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
