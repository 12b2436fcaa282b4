import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PackProcess, startPack } from "../src/harness/packProcess";
import { AnalyzedResource } from "../src/harness/types";
import { urnFor } from "../src/harness/wireValues";
import { containerImageExtractor } from "../src/extract/container/containerImages";
import { cpuSeconds, inFlight, median } from "./measure";

/**
 * Analyze throughput of the container-image policy (with the rest of the pack) for 10,000 Kubernetes
 * Deployments of 3 containers each, next to the empty fixture pack in the same run:
 *   npm run build && npx ts-node bench/container-throughput.ts
 *     --mix user-data   EC2 instances with boot scripts instead (shell, cloud-config, base64; here-documents, variables)
 *     --pack DIR        measure another build of the pack (e.g. an earlier commit's) instead of the repository
 */
const MIX = argValue("--mix") ?? "deployments";
const DEPLOYMENTS = 10_000;
const ROUNDS = 3;
const WARMUP = 1_000;
const IN_FLIGHT = 64;
// One Deployment in 100 runs a Kaspersky Container Security image; asOf is inside its deny window.
const RESTRICTED_EVERY = 100;
const AS_OF = "2024-10-01";

const repoRoot = path.resolve(__dirname, "..");
const emptyPackDir = path.join(repoRoot, "test", "fixtures", "emptyPack");
const log = (line: string) => process.stderr.write(`${line}\n`);

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** An EC2 instance with a boot script of a few KiB, as platform teams write them: one of three shapes in turn. */
function userDataInstance(i: number): AnalyzedResource {
  const agent = i % RESTRICTED_EVERY === 0 ? "repo.kcs.kaspersky.com/kcs/node-agent:2.0" : `ghcr.io/acme/agent:${i % 7}.1`;
  const packages = Array.from({ length: 40 }, (_, k) => `pkg-${k}`).join(" ");
  const compose = `services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n  agent:\n    image: \${AGENT_IMAGE}\n    environment:\n      NODE_ID: node-${i}\n`;
  const script = [
    "#!/bin/bash",
    "set -euo pipefail",
    `export AGENT_IMAGE=${agent}`,
    `apt-get update && apt-get install -y ${packages}`,
    ...Array.from({ length: 40 }, (_, k) => `echo "configuring step ${k} of node ${i}" >> /var/log/bootstrap.log`),
    `cat > /opt/app/compose.yaml <<EOF\n${compose}EOF`,
    "cat > /etc/systemd/system/app.service <<'EOF'\n[Service]\nExecStart=/usr/bin/docker compose -f /opt/app/compose.yaml up\nEOF",
    `helm upgrade --install metrics ./charts/metrics --set image.repository=ghcr.io/acme/metrics --set image.tag=${i % 9}.0`,
    'docker run -d --restart=always --name agent "$AGENT_IMAGE"',
  ].join("\n");
  const cloudConfig = `#cloud-config\npackages: [${packages.split(" ").join(", ")}]\nwrite_files:\n  - path: /opt/app/compose.yaml\n    content: |\n${compose.replace(/^/gm, "      ").replace("${AGENT_IMAGE}", agent)}\nruncmd:\n  - [docker, compose, -f, /opt/app/compose.yaml, up, -d]\n  - - docker\n    - run\n    - -d\n    - ${agent}\n${Array.from({ length: 40 }, (_, k) => `  - echo "step ${k}" >> /var/log/bootstrap.log`).join("\n")}\n`;
  const userData = [script, cloudConfig, Buffer.from(script).toString("base64")][i % 3];
  const name = `node-${i}`;
  return {
    type: "aws:ec2/instance:Instance",
    name,
    urn: urnFor("aws:ec2/instance:Instance", name, "bench", "container-throughput"),
    properties: { ami: "ami-0123456789abcdef0", instanceType: "t3.medium", userData, tags: { Name: name } },
  };
}

function deployment(i: number): AnalyzedResource {
  const agent = i % RESTRICTED_EVERY === 0 ? "repo.kcs.kaspersky.com/kcs/node-agent:2.0" : `ghcr.io/acme/agent:${i % 7}.1`;
  const containers = [
    { name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }], env: [{ name: "UPSTREAM", value: `http://api-${i}.svc.cluster.local:8080` }] },
    { name: "api", image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/team-${i % 50}/api:${i}`, command: ["/app/api", "--port=8080"], args: ["--log-level=info"] },
    { name: "agent", image: agent, env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }] },
  ];
  const name = `app-${i}`;
  const labels = { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "bench" };
  return {
    type: "kubernetes:apps/v1:Deployment",
    name,
    urn: urnFor("kubernetes:apps/v1:Deployment", name, "bench", "container-throughput"),
    properties: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace: "apps", labels },
      spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers } } },
    },
  };
}

interface Pass {
  seconds: number;
  packCpu: number;
  diagnostics: number;
}

async function pass(pack: PackProcess, resources: AnalyzedResource[], concurrency: number): Promise<Pass> {
  let diagnostics = 0;
  const cpuBefore = cpuSeconds(pack.pid);
  const start = process.hrtime.bigint();
  await inFlight(resources.length, concurrency, async (i) => {
    const found = await pack.analyze(resources[i]);
    diagnostics += found.length;
  });
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, packCpu: cpuSeconds(pack.pid) - cpuBefore, diagnostics };
}

/** The extractor alone, in this process: what the policy adds per resource before matching and gRPC. */
function extractionMicros(resources: AnalyzedResource[]): number {
  const inputs = resources.map((r) => ({ type: r.type, urn: r.urn, name: r.name, props: r.properties }));
  const runs = Array.from({ length: ROUNDS }, () => {
    const start = process.hrtime.bigint();
    for (const input of inputs) containerImageExtractor.extract(input);
    return Number(process.hrtime.bigint() - start) / 1e3 / inputs.length;
  });
  return median(runs);
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(repoRoot, "dist", "index.js"))) throw new Error("dist/index.js is missing: run `npm run build` first");
  const resources = Array.from({ length: DEPLOYMENTS }, (_, i) => (MIX === "user-data" ? userDataInstance(i) : deployment(i)));
  const packDir = path.resolve(argValue("--pack") ?? repoRoot);
  log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}; ${os.cpus().length} cores; node ${process.version}`);
  const packs: Record<string, PackProcess> = {
    "empty pack": await startPack(emptyPackDir, { dryRun: true }),
    "restricted-vendors": await startPack(packDir, { dryRun: true }),
  };
  try {
    await packs["empty pack"].configure({});
    await packs["restricted-vendors"].configure({ "restricted-vendor-container-image": { asOf: AS_OF } });
    for (const pack of Object.values(packs)) await pass(pack, resources.slice(0, WARMUP), IN_FLIGHT);

    const rows: string[] = [];
    for (const concurrency of [1, IN_FLIGHT]) {
      const results: Record<string, Pass[]> = { "empty pack": [], "restricted-vendors": [] };
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate which pack goes first, so drift in machine load hits both alike.
        const order = round % 2 === 0 ? Object.keys(packs) : Object.keys(packs).reverse();
        for (const label of order) {
          log(`${concurrency === 1 ? "sequential" : `${IN_FLIGHT} in flight`}, round ${round + 1}: ${label}`);
          results[label].push(await pass(packs[label], resources, concurrency));
        }
      }
      const rate = (label: string) => DEPLOYMENTS / median(results[label].map((p) => p.seconds));
      const cpu = (label: string) => (1e6 * median(results[label].map((p) => p.packCpu))) / DEPLOYMENTS;
      const mode = concurrency === 1 ? "sequential" : `${IN_FLIGHT} in flight`;
      rows.push(
        `| ${mode} | ${rate("empty pack").toFixed(0)}/s | ${rate("restricted-vendors").toFixed(0)}/s | ${(rate("restricted-vendors") / rate("empty pack")).toFixed(2)} | ` +
          `${cpu("empty pack").toFixed(0)} µs | ${cpu("restricted-vendors").toFixed(0)} µs | ${results["restricted-vendors"][0].diagnostics} |`,
      );
    }
    process.stdout.write(
      [
        `Analyze throughput, ${DEPLOYMENTS} ${MIX === "user-data" ? "aws:ec2/instance:Instance with boot scripts (shell, cloud-config, base64 in turn)" : "kubernetes:apps/v1:Deployment × 3 containers"} (median of ${ROUNDS} passes; ${DEPLOYMENTS / RESTRICTED_EVERY} restricted; asOf ${AS_OF}); pack ${packDir}`,
        "",
        "| mode | empty pack | restricted-vendors | ratio | pack CPU/resource, empty | pack CPU/resource, restricted-vendors | diagnostics per pass |",
        "|---|---|---|---|---|---|---|",
        ...rows,
        "",
        `Container extraction alone (in-process, no gRPC, this checkout's extractor): ${extractionMicros(resources).toFixed(1)} µs per resource.`,
        "",
        `load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
        "",
      ].join("\n"),
    );
  } finally {
    await Promise.all(Object.values(packs).map((p) => p.stop()));
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
