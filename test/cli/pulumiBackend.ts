import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { fixtures } from "./runCli";

/** What the Pulumi CLI stores for a secret (secret signature, then the secrets provider's ciphertext). */
const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

/**
 * Ciphertext that happens to spell a restricted AMI and its name: a scan that decrypted, printed or matched
 * secrets would show or flag it.
 */
export const SEALED_CIPHERTEXT = "v1:ami-0a1b2c3d4e5f60001:kaspersky-endpoint-security-12.1-al2023";

/** A secret as the state holds it: encrypted. `pulumi stack export --show-secrets` fixtures hold plaintext instead. */
function encryptSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(encryptSecrets);
  if (typeof v !== "object" || v === null) return v;
  const o = v as Record<string, unknown>;
  if ("plaintext" in o && "4dabf18193072939515e22adb298388d" in o) {
    return { ...SECRET_SIG, ciphertext: `v1:${Buffer.from(String(o.plaintext)).toString("base64")}` };
  }
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, encryptSecrets(x)]));
}

/** The deployment of one of the CLI fixtures' stack exports (fleet/prod, fleet/staging), secrets encrypted. */
export function fixtureDeployment(stack: "prod" | "staging"): Record<string, unknown> & { resources: Array<Record<string, unknown>> } {
  const exported = JSON.parse(fs.readFileSync(path.join(fixtures, "exports", `${stack}.json`), "utf8"));
  return encryptSecrets(exported.deployment) as ReturnType<typeof fixtureDeployment>;
}

/** An instance whose AMI is a secret, sealed with SEALED_CIPHERTEXT. */
export function sealedInstance(stack: string): Record<string, unknown> {
  const ami = { ...SECRET_SIG, ciphertext: SEALED_CIPHERTEXT };
  return {
    urn: `urn:pulumi:${stack}::fleet::aws:ec2/instance:Instance::sealed-box`,
    custom: true,
    id: "i-0123456789abcdef0",
    type: "aws:ec2/instance:Instance",
    inputs: { ami, instanceType: "t3.micro" },
    outputs: { ami, instanceType: "t3.micro" },
    created: "2024-08-02T10:00:00Z",
  };
}

/** `.pulumi/stacks/…` file content as pkg/backend/diy writes it: apitype.VersionedCheckpoint around the deployment. */
export function checkpointFile(stackRef: string, deployment: unknown, compression?: "gzip"): Buffer {
  const text = Buffer.from(JSON.stringify({ version: 3, checkpoint: { stack: stackRef, latest: deployment } }, null, 4));
  return compression === "gzip" ? zlib.gzipSync(text) : text;
}

/**
 * A state root as `pulumi login` leaves it after deploying fleet/prod and fleet/staging in project mode
 * (`.pulumi/meta.yaml` version 1), with everything else the CLI writes beside the stacks: the previous
 * checkpoint as `.json.bak`, update history and backups. Those others hold a blocked instance created
 * after the deny-new date (`stale-copy`): scanning them would report it.
 */
export function projectModeBackend(): Map<string, Buffer> {
  const prod = fixtureDeployment("prod");
  prod.resources.push(sealedInstance("prod"));
  const stale = fixtureDeployment("prod");
  stale.resources = stale.resources.map((r) =>
    typeof r.urn === "string" && r.urn.endsWith("::new-av-scanner") ? { ...r, urn: r.urn.replace("new-av-scanner", "stale-copy") } : r,
  );
  return new Map([
    [".pulumi/meta.yaml", Buffer.from("version: 1\n")],
    [".pulumi/stacks/fleet/prod.json", checkpointFile("organization/fleet/prod", prod)],
    [".pulumi/stacks/fleet/prod.json.bak", checkpointFile("organization/fleet/prod", stale)],
    [".pulumi/stacks/fleet/staging.json.gz", checkpointFile("organization/fleet/staging", fixtureDeployment("staging"), "gzip")],
    [".pulumi/history/fleet/prod/prod-1717236000000000000.checkpoint.json", checkpointFile("organization/fleet/prod", stale)],
    [".pulumi/history/fleet/prod/prod-1717236000000000000.history.json", Buffer.from(JSON.stringify({ kind: "update", result: "succeeded" }))],
    [".pulumi/backups/fleet/prod/prod.1717236000000000000.json", checkpointFile("organization/fleet/prod", stale)],
    [".pulumi/locks/organization/fleet/prod/0a1b2c3d.json", Buffer.from("{}")],
  ]);
}

/** The layout before project-scoped stacks (no meta.yaml): `.pulumi/stacks/<stack>.json`, here gzip-compressed. */
export function legacyBackend(): Map<string, Buffer> {
  return new Map([
    [".pulumi/stacks/staging.json.gz", checkpointFile("staging", fixtureDeployment("staging"), "gzip")],
    [".pulumi/stacks/staging.json.gz.bak", checkpointFile("staging", fixtureDeployment("prod"), "gzip")],
  ]);
}

export function writeBackend(root: string, files: Map<string, Buffer>): string {
  for (const [key, body] of files) {
    fs.mkdirSync(path.dirname(path.join(root, key)), { recursive: true });
    fs.writeFileSync(path.join(root, key), body);
  }
  return root;
}
