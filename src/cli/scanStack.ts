import { analyzeEach, analyzeStackOnce, type AnalyzeOptions, type LocatedDiagnostic } from "../harness/analyzeResources";
import type { PolicyPackConfig } from "../harness/policyPackConfig";
import { parseFindingFields } from "./findingFields";
import type { GrandfatherCandidate, Grandfathering, ReportDiagnostic, StackReport } from "./report";
import { countLevels } from "./report";
import type { ScanSession } from "./scanSession";
import type { ScannedResource, StackInput } from "./stackInputs";
import { formatInstant } from "../util/instant";
import { denyNewFrom } from "./vendorWindows";

interface ScanStackOptions extends AnalyzeOptions {
  /** Grandfather resources that existed before a vendor's deny-new date (scan), or only list them (grandfather). */
  grandfatherExisting: boolean;
}

interface ScannedStack {
  report: StackReport;
  candidates: GrandfatherCandidate[];
}

const BEFORE_DENY_NEW = new Set(["blocked", "warning", "upcoming"]);

function findCandidates(session: ScanSession, config: PolicyPackConfig, input: StackInput, diags: LocatedDiagnostic[]): GrandfatherCandidate[] {
  const byUrn = new Map(input.resources.map((r) => [r.urn, r]));
  const policies = new Set(session.grandfatheringPolicies());
  const seen = new Set<string>();
  const result: GrandfatherCandidate[] = [];
  for (const d of diags) {
    const resource = byUrn.get(d.urn);
    if (!resource?.existedAt || !policies.has(d.policyName)) {
      continue;
    }
    const fields = parseFindingFields(d.message);
    if (!fields.vendorId || !BEFORE_DENY_NEW.has(fields.outcome)) {
      continue;
    }
    const vendor = session.vendorsOf(config, d.policyName).get(fields.vendorId);
    const denyNew = vendor ? denyNewFrom(vendor) : undefined;
    const key = `${d.policyName} ${d.urn}`;
    if (!denyNew || seen.has(key) || Date.parse(resource.existedAt.at) >= denyNew.getTime()) {
      continue;
    }
    seen.add(key);
    result.push({
      urn: d.urn,
      policy: d.policyName,
      vendor: fields.vendorId,
      existedAt: resource.existedAt.at,
      basis: resource.existedAt.basis,
      denyNewFrom: formatInstant(denyNew),
      source: input.source,
    });
  }
  return result;
}

function toReportDiagnostic(
  d: LocatedDiagnostic,
  resource: ScannedResource | undefined,
  session: ScanSession,
  config: PolicyPackConfig,
  grandfathering: Grandfathering | null,
): ReportDiagnostic {
  const f = parseFindingFields(d.message);
  const vendor = f.vendorId ? session.vendorsOf(config, d.policyName).get(f.vendorId) : undefined;
  return {
    policy: d.policyName,
    level: d.enforcementLevel,
    urn: d.urn || null,
    resourceType: d.resourceType ?? null,
    resourceName: d.resourceName ?? null,
    phase: d.phase,
    outcome: f.outcome,
    propertyPath: f.propertyPath ?? null,
    vendor: f.vendorId ? { id: f.vendorId, name: vendor?.name ?? f.vendorName ?? null } : null,
    reference: f.reference ?? null,
    legalBasis: vendor ? vendor.legalBasis.map((b) => ({ title: b.title, citation: b.citation, url: b.url })) : [],
    window: f.window ?? null,
    grandfathering,
    location: resource?.location ?? null,
    message: d.message,
  };
}

/**
 * Checks one stack: Analyze for every resource's inputs, then, if some existed before their vendor's
 * deny-new date, Configure again with their URNs grandfathered and Analyze those again, then (inputs
 * released) one AnalyzeStack over the outputs. Every decision is the pack's; the report records why a URN was added.
 */
export async function scanStack(session: ScanSession, baseConfig: PolicyPackConfig, input: StackInput, options: ScanStackOptions): Promise<ScannedStack> {
  await session.configure(baseConfig);
  let diags = await analyzeEach(session.pack, input.resources, options);
  const candidates = findCandidates(session, baseConfig, input, diags);
  const grandfathered = new Map<string, Grandfathering>();
  let config = baseConfig;
  if (options.grandfatherExisting && candidates.length > 0) {
    const byPolicy = new Map<string, Set<string>>();
    for (const c of candidates) {
      byPolicy.set(c.policy, (byPolicy.get(c.policy) ?? new Set()).add(c.urn));
      grandfathered.set(`${c.policy} ${c.urn}`, {
        source: c.basis === "created" ? "creation-time" : "export-time",
        existedAt: c.existedAt,
        denyNewFrom: c.denyNewFrom,
      });
    }
    config = session.withGrandfathered(baseConfig, byPolicy);
    await session.configure(config);
    const again = new Set(candidates.map((c) => c.urn));
    const redone = await analyzeEach(
      session.pack,
      input.resources.filter((r) => again.has(r.urn)),
    );
    diags = [...diags.filter((d) => !again.has(d.urn)), ...redone];
  }
  input.releaseInputs?.();
  // A view per resource whose properties are its outputs, converted only as the request is built.
  const stackView = input.resources.map((r) => Object.create(r, { properties: { get: () => r.stackProperties } }) as ScannedResource);
  const stackDiags = await analyzeStackOnce(session.pack, stackView);
  const byUrn = new Map(input.resources.map((r) => [r.urn, r]));
  const order = new Map(input.resources.map((r, i) => [r.urn, i]));
  diags.sort((a, b) => (order.get(a.urn) ?? 0) - (order.get(b.urn) ?? 0));
  const diagnostics = [...diags, ...stackDiags].map((d) => {
    const g = grandfathered.get(`${d.policyName} ${d.urn}`);
    const applies = g !== undefined && d.phase === "analyze" && parseFindingFields(d.message).outcome === "grandfathered";
    return toReportDiagnostic(d, byUrn.get(d.urn), session, config, applies ? g : null);
  });
  return {
    report: {
      source: input.source,
      kind: input.kind,
      project: input.project,
      stack: input.stack,
      resources: input.resources.length,
      summary: countLevels(diagnostics),
      diagnostics,
    },
    candidates,
  };
}
