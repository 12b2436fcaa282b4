import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type { PulumiProtocol } from "./pulumiProtocol";
import type { AnalyzedProvider, AnalyzedResource, AnalyzerInfo, Diagnostic, EnforcementLevel, PolicyInfo, Severity } from "./types";

type Pb = PulumiProtocol["analyzerPb"];

export function enforcementLevelToProto(pb: Pb, level: EnforcementLevel): analyzerPbTypes.EnforcementLevel {
  switch (level) {
    case "advisory":
      return pb.EnforcementLevel.ADVISORY;
    case "mandatory":
      return pb.EnforcementLevel.MANDATORY;
    case "remediate":
      return pb.EnforcementLevel.REMEDIATE;
    case "disabled":
      return pb.EnforcementLevel.DISABLED;
  }
}

function enforcementLevelFromProto(pb: Pb, level: analyzerPbTypes.EnforcementLevel): EnforcementLevel {
  switch (level) {
    case pb.EnforcementLevel.ADVISORY:
      return "advisory";
    case pb.EnforcementLevel.MANDATORY:
      return "mandatory";
    case pb.EnforcementLevel.REMEDIATE:
      return "remediate";
    case pb.EnforcementLevel.DISABLED:
      return "disabled";
  }
  throw new Error(`invalid enforcement level ${level}`);
}

function severityFromProto(pb: Pb, s: analyzerPbTypes.PolicySeverity): Severity | undefined {
  switch (s) {
    case pb.PolicySeverity.POLICY_SEVERITY_LOW:
      return "low";
    case pb.PolicySeverity.POLICY_SEVERITY_MEDIUM:
      return "medium";
    case pb.PolicySeverity.POLICY_SEVERITY_HIGH:
      return "high";
    case pb.PolicySeverity.POLICY_SEVERITY_CRITICAL:
      return "critical";
    default:
      return undefined;
  }
}

function policyTypeFromProto(pb: Pb, t: analyzerPbTypes.PolicyType): PolicyInfo["policyType"] {
  if (t === pb.PolicyType.POLICY_TYPE_RESOURCE) {
    return "resource";
  }
  if (t === pb.PolicyType.POLICY_TYPE_STACK) {
    return "stack";
  }
  return "unknown";
}

export function analyzerInfoFromProto(p: PulumiProtocol, info: analyzerPbTypes.AnalyzerInfo): AnalyzerInfo {
  const pb = p.analyzerPb;
  const policies = info.getPoliciesList().map((pi): PolicyInfo => {
    const schema = pi.getConfigschema();
    const severity = severityFromProto(pb, pi.getSeverity());
    return {
      name: pi.getName(),
      displayName: pi.getDisplayname(),
      description: pi.getDescription(),
      enforcementLevel: enforcementLevelFromProto(pb, pi.getEnforcementlevel()),
      policyType: policyTypeFromProto(pb, pi.getPolicyType()),
      configSchema: schema
        ? {
            properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>,
            required: schema.getRequiredList().length > 0 ? schema.getRequiredList() : undefined,
          }
        : undefined,
      ...(severity ? { severity } : {}),
      remediationSteps: pi.getRemediationSteps(),
      url: pi.getUrl(),
    };
  });
  const initialConfig: AnalyzerInfo["initialConfig"] = {};
  info.getInitialconfigMap().forEach((cfg, key) => {
    initialConfig[key] = {
      enforcementLevel: enforcementLevelFromProto(pb, cfg.getEnforcementlevel()),
      properties: (cfg.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
    };
  });
  return {
    name: info.getName(),
    version: info.getVersion(),
    displayName: info.getDisplayname(),
    description: info.getDescription(),
    supportsConfig: info.getSupportsconfig(),
    policies,
    initialConfig,
  };
}

export function diagnosticFromProto(p: PulumiProtocol, d: analyzerPbTypes.AnalyzeDiagnostic, versionOverride?: string): Diagnostic {
  const severity = severityFromProto(p.analyzerPb, d.getSeverity());
  return {
    policyName: d.getPolicyname(),
    policyPackName: d.getPolicypackname(),
    // The CLI prefers PulumiPolicy.yaml's version over the one the pack reports.
    policyPackVersion: versionOverride || d.getPolicypackversion(),
    description: d.getDescription(),
    message: d.getMessage(),
    enforcementLevel: enforcementLevelFromProto(p.analyzerPb, d.getEnforcementlevel()),
    urn: d.getUrn(),
    ...(severity ? { severity } : {}),
  };
}

function toStruct(p: PulumiProtocol, obj: Record<string, unknown>) {
  try {
    return p.structPb.Struct.fromJavaScript(obj as never);
  } catch {
    // Struct.fromJavaScript rejects undefined (and functions); the engine drops such keys, so do the same.
    return p.structPb.Struct.fromJavaScript(JSON.parse(JSON.stringify(obj)));
  }
}

/** Options as the engine sends them for a resource registered without explicit options. */
function resourceOptions(p: PulumiProtocol, parent?: string): analyzerPbTypes.AnalyzerResourceOptions {
  const opts = new p.analyzerPb.AnalyzerResourceOptions();
  opts.setProtect(false);
  opts.setIgnorechangesList([]);
  opts.setDeletebeforereplace(false);
  opts.setDeletebeforereplacedefined(false);
  opts.setAdditionalsecretoutputsList([]);
  opts.setAliasesList([]);
  opts.setCustomtimeouts(new p.analyzerPb.AnalyzerResourceOptions.CustomTimeouts());
  opts.setParent(parent ?? "");
  return opts;
}

function providerToProto(p: PulumiProtocol, prov: AnalyzedProvider): analyzerPbTypes.AnalyzerProviderResource {
  const msg = new p.analyzerPb.AnalyzerProviderResource();
  msg.setType(prov.type);
  msg.setName(prov.name);
  msg.setUrn(prov.urn);
  msg.setProperties(toStruct(p, prov.properties));
  return msg;
}

export function analyzeRequestFor(p: PulumiProtocol, r: AnalyzedResource): analyzerPbTypes.AnalyzeRequest {
  const req = new p.analyzerPb.AnalyzeRequest();
  req.setType(r.type);
  req.setName(r.name);
  req.setUrn(r.urn);
  req.setProperties(toStruct(p, r.properties));
  req.setOptions(resourceOptions(p, r.parent));
  if (r.provider) {
    req.setProvider(providerToProto(p, r.provider));
  }
  return req;
}

export function analyzerResourceFor(p: PulumiProtocol, r: AnalyzedResource): analyzerPbTypes.AnalyzerResource {
  const res = new p.analyzerPb.AnalyzerResource();
  res.setType(r.type);
  res.setName(r.name);
  res.setUrn(r.urn);
  res.setProperties(toStruct(p, r.properties));
  res.setOptions(resourceOptions(p, r.parent));
  if (r.provider) {
    res.setProvider(providerToProto(p, r.provider));
  }
  res.setParent(r.parent ?? "");
  res.setDependenciesList(r.dependencies ?? []);
  const deps = res.getPropertydependenciesMap();
  for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
    // The engine skips properties without dependencies.
    if (urns.length === 0) {
      continue;
    }
    const pd = new p.analyzerPb.AnalyzerPropertyDependencies();
    pd.setUrnsList(urns);
    deps.set(key, pd);
  }
  return res;
}

function varint(n: number): Uint8Array {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
  return Uint8Array.from(bytes);
}

/**
 * AnalyzeStackRequest { repeated AnalyzerResource resources = 1 }, encoded one resource at a time:
 * building all resources as protobuf objects first costs gigabytes for a 50,000-resource stack. The
 * bytes are those serializeBinary() would produce (field 1, length-delimited, repeated), and the
 * generated gRPC serializer only calls serializeBinary() on the request.
 */
export function analyzeStackRequestFor(p: PulumiProtocol, resources: Iterable<AnalyzedResource>): analyzerPbTypes.AnalyzeStackRequest {
  const chunks: Uint8Array[] = [];
  const fieldOneTag = Uint8Array.of(0x0a);
  for (const r of resources) {
    const bytes = analyzerResourceFor(p, r).serializeBinary();
    chunks.push(fieldOneTag, varint(bytes.length), bytes);
  }
  const encoded = Buffer.concat(chunks);
  const req = new p.analyzerPb.AnalyzeStackRequest();
  req.serializeBinary = () => encoded;
  return req;
}
