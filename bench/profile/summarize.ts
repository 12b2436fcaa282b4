import * as fs from "fs";
import * as path from "path";

/**
 * `ts-node --transpile-only bench/profile/summarize.ts <file.cpuprofile>...`: where a profiled pack spent
 * its CPU, as self time per function and per code area (SDK, protobuf, gRPC, the pack's own stages).
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const AREAS: Array<[string, RegExp]> = [
  ["pack: match", /\/dist\/src\/match\//],
  ["pack: extract", /\/dist\/src\/(extract|props)\//],
  ["pack: decide", /\/dist\/src\/decide\//],
  ["pack: config", /\/dist\/src\/(config|catalog|util)\//],
  ["pack: resolve", /\/dist\/src\/resolve\//],
  ["pack: report", /\/dist\/src\/report\//],
  ["pack: evaluate+policies", /\/dist\/(src\/evaluate|policies)\//],
  ["pack: other", /\/dist\//],
  ["@pulumi/policy (deserialize, proxy, server)", /@pulumi\/policy\//],
  ["google-protobuf", /google-protobuf\//],
  ["@grpc/grpc-js", /@grpc\//],
  ["module loading", /^node:internal\/modules|typescript\/lib/],
  ["node internals", /^node:/],
  ["(garbage collector)", /^\(garbage collector\)$/],
  ["(program/idle)", /^\((program|idle|root)\)$/],
];

function areaOf(frame: ProfileNode["callFrame"]): string {
  const key = frame.url || `(${frame.functionName.replace(/[()]/g, "")})`;
  return AREAS.find(([, re]) => re.test(key))?.[0] ?? "other";
}

const nameOf = (frame: ProfileNode["callFrame"]) =>
  `${frame.functionName || "(anonymous)"} ${frame.url ? `${frame.url.replace(/^.*\/(node_modules|dist)\//, "$1/")}:${frame.lineNumber + 1}` : ""}`;

/** Time in each function including its callees, counting recursive calls once. */
function inclusive(profile: CpuProfile, selfMs: Map<number, number>): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  const visit = (id: number, onStack: Set<string>): number => {
    const node = byId.get(id)!;
    const name = nameOf(node.callFrame);
    const nested = onStack.has(name);
    if (!nested) onStack.add(name);
    let ms = selfMs.get(id) ?? 0;
    for (const child of node.children ?? []) ms += visit(child, onStack);
    if (!nested) {
      onStack.delete(name);
      totals.set(name, (totals.get(name) ?? 0) + ms);
    }
    return ms;
  };
  visit(profile.nodes[0].id, new Set());
  return totals;
}

function summarize(file: string, top: number): string {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + profile.timeDeltas[i] / 1000));
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)!.callFrame;
    const name = nameOf(frame);
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    byArea.set(areaOf(frame), (byArea.get(areaOf(frame)) ?? 0) + ms);
    total += ms;
  }
  const busy = total - (byArea.get("(program/idle)") ?? 0);
  const pct = (ms: number) => `${((100 * ms) / busy).toFixed(1).padStart(5)}%`;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return [
    `${path.basename(file)}: ${(busy / 1000).toFixed(2)} s busy of ${(total / 1000).toFixed(2)} s sampled`,
    "  self time by area:",
    ...sorted(byArea)
      .filter(([a]) => a !== "(program/idle)")
      .map(([a, ms]) => `  ${pct(ms)} ${a}`),
    `  top ${top} functions by self time:`,
    ...sorted(byFunction)
      .filter(([f]) => !/^\((idle|program|root)\)/.test(f))
      .slice(0, top)
      .map(([f, ms]) => `  ${pct(ms)} ${f}`),
    `  top ${top} functions of the SDK and the pack by total time (with callees):`,
    ...sorted(inclusive(profile, selfMs))
      .filter(([f]) => / (dist|node_modules\/@pulumi\/policy)\//.test(f))
      .slice(0, top)
      .map(([f, ms]) => `  ${pct(ms)} ${f}`),
  ].join("\n");
}

for (const file of process.argv.slice(2)) process.stdout.write(`${summarize(file, 25)}\n\n`);
