import type { AnalyzedProvider, AnalyzedResource } from "./types";
import { analyzerProperties } from "./wireValues";

/** One RegisterResource call made by a program running under mocks, inputs in wire form as the SDK sent them. */
export interface CapturedResource {
  type: string;
  name: string;
  urn: string;
  custom: boolean;
  inputs: Record<string, unknown>;
  parent?: string;
  /** "<provider urn>::<provider id>" as the SDK sends it; absent means the package's default provider. */
  providerRef?: string;
  /** Provider plugin version the SDK asked for (names the default provider, as the engine does). */
  version?: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** Where the program constructed it (the SDK's source position), for reports that point at code. */
  sourcePosition?: { file: string; line: number };
}

export interface ProgramRun {
  programDir: string;
  project: string;
  stack: string;
  /** Stack config (project-namespaced keys, string values) the program ran with. */
  config: Record<string, string>;
  resources: CapturedResource[];
}

function packageOf(type: string): string {
  return type.split(":")[0];
}

function providerUrnFromRef(ref: string): string {
  return ref.slice(0, ref.lastIndexOf("::"));
}

/**
 * The engine creates a default provider per package for resources without an explicit one:
 * `pulumi:providers:<pkg>` named `default_<version>`, with the stack's `<pkg>:*` config and the
 * version as inputs. The SDK does not register it (the engine does), so it is rebuilt here.
 */
function defaultProviderFor(run: ProgramRun, pkg: string, version: string | undefined): AnalyzedProvider {
  const name = version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(run.config)) {
    if (key.startsWith(`${pkg}:`)) {
      properties[key.slice(pkg.length + 1)] = value;
    }
  }
  if (version) {
    properties.version = version;
  }
  const type = `pulumi:providers:${pkg}`;
  return { type, name, urn: `urn:pulumi:${run.stack}::${run.project}::${type}::${name}`, properties };
}

function needsProvider(r: CapturedResource): boolean {
  return r.custom && packageOf(r.type) !== "pulumi";
}

/**
 * What the engine would send to the analyzer for this run: every registered resource (inputs as
 * properties, marshalled as the engine marshals them for analyzers) with its provider, preceded by each default provider the engine would have created.
 */
export function toAnalyzedResources(run: ProgramRun): AnalyzedResource[] {
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  const defaults = new Map<string, AnalyzedProvider>();
  const result: AnalyzedResource[] = [];
  for (const r of run.resources) {
    let provider: AnalyzedProvider | undefined;
    if (r.providerRef) {
      const urn = providerUrnFromRef(r.providerRef);
      const p = byUrn.get(urn);
      if (p) {
        provider = { type: p.type, name: p.name, urn: p.urn, properties: analyzerProperties(p.inputs) };
      }
    } else if (needsProvider(r)) {
      const key = `${packageOf(r.type)}@${r.version ?? ""}`;
      let dp = defaults.get(key);
      if (!dp) {
        dp = defaultProviderFor(run, packageOf(r.type), r.version);
        defaults.set(key, dp);
        result.push({ type: dp.type, name: dp.name, urn: dp.urn, properties: dp.properties });
      }
      provider = dp;
    }
    result.push({
      type: r.type,
      name: r.name,
      urn: r.urn,
      properties: analyzerProperties(r.inputs),
      ...(provider ? { provider } : {}),
      ...(r.parent ? { parent: r.parent } : {}),
      dependencies: r.dependencies,
      propertyDependencies: r.propertyDependencies,
    });
  }
  return result;
}
