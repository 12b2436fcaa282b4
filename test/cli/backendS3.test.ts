import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { Report } from "../../src/cli/report";
import { describeWithMoto, useMoto } from "../marketplace/support/moto";
import { legacyBackend, projectModeBackend, SEALED_CIPHERTEXT } from "./pulumiBackend";
import { configFile, ensureBuilt, runCli, type CliRun } from "./runCli";

const asOf = ["--policy-pack-config", configFile, "--as-of", "2024-08-15"];
const diagnosticOn = (report: Report, name: string) => report.stacks.flatMap((s) => s.diagnostics).find((d) => d.resourceName === name);
/** moto takes any credentials; the CLI finds them and the region through the AWS SDK's standard chain. */
const AWS_ENV = { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_REGION: "us-east-1" };

/** Bucket names unique to this run, so reruns against a long-lived moto never see an earlier run's objects. */
const unique = (name: string) => `${name}-${process.pid}-${Date.now().toString(36)}`;

async function upload(s3: S3Client, bucket: string, prefix: string, files: Map<string, Buffer>): Promise<void> {
  for (const [key, body] of files) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: prefix + key, Body: body }));
  }
}

describeWithMoto("restricted-vendors scan of an s3:// backend", () => {
  const endpoint = useMoto();
  const saved = { ...process.env };
  const projectBucket = unique("rv-state");
  const legacyBucket = unique("rv-legacy");
  let run: CliRun;
  let report: Report;

  beforeAll(async () => {
    ensureBuilt();
    Object.assign(process.env, AWS_ENV);
    const s3 = new S3Client({ endpoint: endpoint(), forcePathStyle: true });
    for (const bucket of [projectBucket, legacyBucket]) {
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    }
    await upload(s3, projectBucket, "pulumi/", projectModeBackend());
    await upload(s3, legacyBucket, "", legacyBackend());
    run = runCli(["scan", `s3://${projectBucket}/pulumi`, `s3://${legacyBucket}`, "--endpoint", endpoint(), ...asOf, "--format", "json"]);
    report = JSON.parse(run.stdout) as Report;
  }, 180_000);

  afterAll(() => {
    process.env = saved;
  });

  it("exits 1 when a stack in the bucket has a mandatory violation", () => {
    expect(run.status).toBe(1);
  });

  it("reads project-scoped stacks under a prefix, plain and gzip-compressed, then a legacy-layout bucket", () => {
    expect(report.stacks.map((s) => [s.source, `${s.project}/${s.stack}`])).toEqual([
      [`s3://${projectBucket}/pulumi/.pulumi/stacks/fleet/prod.json`, "fleet/prod"],
      [`s3://${projectBucket}/pulumi/.pulumi/stacks/fleet/staging.json.gz`, "fleet/staging"],
      [`s3://${legacyBucket}/.pulumi/stacks/staging.json.gz`, "fleet/staging"],
    ]);
  });

  it("does not scan backups, update history or locks", () => {
    expect(diagnosticOn(report, "stale-copy")).toBeUndefined();
  });

  it("blocks a resource created after the deny-new date", () => {
    expect(diagnosticOn(report, "new-av-scanner")).toMatchObject({ level: "mandatory", outcome: "blocked" });
  });

  it("grandfathers from the checkpoint's creation time, or from when the checkpoint was written", () => {
    expect(diagnosticOn(report, "legacy-av-scanner")!.grandfathering).toMatchObject({ source: "creation-time", existedAt: "2024-05-01T08:30:00Z" });
    expect(diagnosticOn(report, "old-scanner")!.grandfathering).toMatchObject({ source: "export-time", existedAt: "2024-06-30T00:00:00Z" });
  });

  it("leaves secrets encrypted: the ciphertext is neither printed nor matched", () => {
    expect(run.stdout).not.toContain(SEALED_CIPHERTEXT);
    expect(report.stacks[0].diagnostics.filter((d) => d.resourceName === "sealed-box" && d.outcome === "blocked")).toEqual([]);
  });

  it("lists what the bucket's stacks would need grandfathered", () => {
    const gf = JSON.parse(runCli(["grandfather", `s3://${projectBucket}/pulumi`, "--endpoint", endpoint(), ...asOf, "--format", "json"]).stdout) as Report;
    expect(gf.grandfather!.candidates.map((c) => c.urn)).toEqual([
      "urn:pulumi:prod::fleet::aws:ec2/instance:Instance::legacy-av-scanner",
      "urn:pulumi:staging::fleet::aws:ec2/instance:Instance::old-scanner",
    ]);
  });

  it("names a bucket that does not exist on one line and exits 2", () => {
    const missing = unique("rv-missing");
    const failed = runCli(["scan", `s3://${missing}`, "--endpoint", endpoint(), ...asOf, "--format", "json"]);
    expect(failed.status).toBe(2);
    expect((JSON.parse(failed.stdout) as Report).errors).toEqual([
      { source: `s3://${missing}`, problem: expect.stringMatching(/^cannot list stacks: NoSuchBucket: /) },
    ]);
  });
});
