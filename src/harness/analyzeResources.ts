import type { PackProcess } from "./packProcess";
import type { AnalyzedResource, Diagnostic } from "./types";

/** A diagnostic with the resource it concerns, as `pulumi preview` groups them. */
export interface LocatedDiagnostic extends Diagnostic {
  /** "analyze" for per-resource inputs, "analyzeStack" for the whole-stack pass. */
  phase: "analyze" | "analyzeStack";
  resourceType?: string;
  resourceName?: string;
}

export function nameFromUrn(urn: string): string {
  const i = urn.lastIndexOf("::");
  return i < 0 ? urn : urn.slice(i + 2);
}

export function typeFromUrn(urn: string): string {
  const parts = urn.split("::");
  return parts.length >= 4 ? (parts[2].split("$").pop() ?? "") : "";
}

function locate(d: Diagnostic, phase: LocatedDiagnostic["phase"], byUrn: Map<string, AnalyzedResource>): LocatedDiagnostic {
  if (!d.urn) {
    return { ...d, phase };
  }
  const r = byUrn.get(d.urn);
  return { ...d, phase, resourceType: r?.type ?? typeFromUrn(d.urn), resourceName: r?.name ?? nameFromUrn(d.urn) };
}

export interface AnalyzeOptions {
  /** Requests in flight at once; bounded so tens of thousands of resources do not queue at once. */
  concurrency?: number;
  /** Called after each Analyze, for progress reporting. */
  onAnalyzed?: (done: number, total: number) => void;
}

/** Analyze for each resource; diagnostics come back in the resources' order. */
export async function analyzeEach(pack: PackProcess, resources: AnalyzedResource[], options: AnalyzeOptions = {}): Promise<LocatedDiagnostic[]> {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const perResource: Diagnostic[][] = new Array(resources.length);
  let next = 0;
  let done = 0;
  // After one failure the others stop sending: the caller may already be retrying on a fresh process.
  let failed = false;
  const worker = async () => {
    while (next < resources.length && !failed) {
      const i = next++;
      try {
        perResource[i] = await pack.analyze(resources[i]);
      } catch (e) {
        failed = true;
        throw e;
      }
      options.onAnalyzed?.(++done, resources.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 64, resources.length) }, worker));
  return perResource.flat().map((d) => locate(d, "analyze", byUrn));
}

/** One AnalyzeStack over all resources (the engine sends their outputs). */
export async function analyzeStackOnce(pack: PackProcess, resources: AnalyzedResource[]): Promise<LocatedDiagnostic[]> {
  if (resources.length === 0) {
    return [];
  }
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  return (await pack.analyzeStack(resources)).map((d) => locate(d, "analyzeStack", byUrn));
}

/**
 * What the engine does with a configured pack during a preview: Analyze for each resource in
 * registration order, then one AnalyzeStack with all of them.
 */
export async function analyzeResources(pack: PackProcess, resources: AnalyzedResource[], options: AnalyzeOptions = {}): Promise<LocatedDiagnostic[]> {
  return [...(await analyzeEach(pack, resources, options)), ...(await analyzeStackOnce(pack, resources))];
}
