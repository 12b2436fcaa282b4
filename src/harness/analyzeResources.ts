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

/**
 * What the engine does with a configured pack during a preview: Analyze for each resource in
 * registration order, then one AnalyzeStack with all of them.
 */
export async function analyzeResources(pack: PackProcess, resources: AnalyzedResource[], concurrency = 16): Promise<LocatedDiagnostic[]> {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const perResource: Diagnostic[][] = new Array(resources.length);
    let next = 0;
    // Bounded parallelism keeps the pack busy without queueing tens of thousands of requests at once.
    const worker = async () => {
        while (next < resources.length) {
            const i = next++;
            perResource[i] = await pack.analyze(resources[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, resources.length) }, worker));
    const located = perResource.flat().map((d) => locate(d, "analyze", byUrn));
    const stackDiags = resources.length > 0 ? await pack.analyzeStack(resources) : [];
    return [...located, ...stackDiags.map((d) => locate(d, "analyzeStack", byUrn))];
}
