import * as fs from "fs";
import * as path from "path";
import { SECRET_SIG_KEY, SECRET_SIG_VALUE, UNKNOWN, isWireSecret } from "../src/harness/wireValues";
import type { AnalyzedResource } from "../src/harness/types";
import { Random } from "./random";
import { buildWorkload } from "./workload";

/** Issue 14's organisation: about 0.1% of resources reference a restricted vendor. */
const RESTRICTED_SHARE = 0.001;
/** Creation times spread over two years around the bench's AS_OF, so some findings are grandfathered. */
const CREATED_FROM = Date.UTC(2023, 6, 1);
const CREATED_SPAN_MS = 2 * 365 * 24 * 3600 * 1000;

/**
 * A value as a checkpoint stores it: secrets encrypted (the bench never has their key, like the CLI), and
 * no unknowns (state is written after a deployment, when every value is known: the key is left out).
 */
function stateValue(v: unknown): unknown {
  if (isWireSecret(v)) return { [SECRET_SIG_KEY]: SECRET_SIG_VALUE, ciphertext: `v1:${Buffer.from(JSON.stringify(v.value)).toString("base64")}` };
  if (Array.isArray(v)) return v.filter((x) => x !== UNKNOWN).map(stateValue);
  if (typeof v !== "object" || v === null) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== UNKNOWN)
      .map(([k, x]) => [k, stateValue(x)]),
  );
}

const reUrn = (urn: string, stack: string, project: string) => urn.replace(/^urn:pulumi:[^:]*::[^:]*::/, `urn:pulumi:${stack}::${project}::`);

/** The providers a stack's resources use, each once: they take the first entries of its checkpoint. */
function providerCount(resources: AnalyzedResource[]): number {
  return new Set(resources.flatMap((res) => (res.provider ? [res.provider.urn] : []))).size;
}

/** A stack's checkpoint file (apitype.VersionedCheckpoint): its providers first, then the resources given. */
function checkpointOf(resources: AnalyzedResource[], project: string, stack: string, r: Random): string {
  const providers = new Map<string, Record<string, unknown>>();
  const states: Record<string, unknown>[] = [];
  const created = () => new Date(CREATED_FROM + r.int(CREATED_SPAN_MS)).toISOString();
  for (const res of resources) {
    let provider: string | undefined;
    if (res.provider) {
      const urn = reUrn(res.provider.urn, stack, project);
      const id = "3f9c6a2e-0b7d-4c1e-9d2a-6b1f0e8a7c55";
      provider = `${urn}::${id}`;
      if (!providers.has(urn)) {
        const inputs = stateValue(res.provider.properties);
        providers.set(urn, { urn, custom: true, id, type: res.provider.type, inputs, outputs: inputs, created: created() });
      }
    }
    const inputs = stateValue(res.properties) as Record<string, unknown>;
    const c = created();
    states.push({
      urn: reUrn(res.urn, stack, project),
      custom: true,
      id: `id-${r.hex(12)}`,
      type: res.type,
      inputs,
      outputs: { ...inputs, arn: `arn:bench:${res.name}` },
      ...(provider ? { provider } : {}),
      created: c,
      modified: c,
    });
  }
  const latest = {
    manifest: { time: "2025-05-01T00:00:00Z", magic: "0".repeat(64), version: "v3.276.0" },
    secrets_providers: { type: "passphrase", state: { salt: "v1:c2FsdA==" } },
    resources: [...providers.values(), ...states],
  };
  return JSON.stringify({ version: 3, checkpoint: { stack: `organization/${project}/${stack}`, latest } });
}

export interface OrgState {
  root: string;
  files: string[];
  resources: number;
  /** Resources the generator made reference a restricted vendor (some cannot be seen in state: see docs/benchmark.md). */
  restricted: number;
}

/**
 * A file:// backend in the project layout: `stacks` stacks of `perStack` resources each (the bench's mix,
 * providers included), spread over projects of 50 stacks, written to `root` (replacing what was there).
 */
export function writeOrgState(root: string, stacks: number, perStack: number, seed = 14): OrgState {
  fs.rmSync(root, { recursive: true, force: true });
  const r = new Random(seed);
  const files: string[] = [];
  let resources = 0;
  let restricted = 0;
  for (let i = 0; i < stacks; i++) {
    const project = `service-${String(Math.floor(i / 50)).padStart(2, "0")}`;
    const stack = `env-${String(i).padStart(4, "0")}`;
    // The workload's draws are sequential, so its first n resources are those of a workload of n: rebuilt
    // with room for the providers, the restricted count is that of the resources the checkpoint holds.
    const workload = buildWorkload(perStack - providerCount(buildWorkload(perStack, seed + i, RESTRICTED_SHARE).resources), seed + i, RESTRICTED_SHARE);
    const file = path.join(root, ".pulumi", "stacks", project, `${stack}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = checkpointOf(workload.resources, project, stack, r);
    fs.writeFileSync(file, text);
    files.push(file);
    resources += (JSON.parse(text) as { checkpoint: { latest: { resources: unknown[] } } }).checkpoint.latest.resources.length;
    restricted += workload.restricted;
  }
  fs.writeFileSync(path.join(root, ".pulumi", "meta.yaml"), "version: 1\n");
  return { root, files, resources, restricted };
}
