/**
 * Writes a `pulumi stack export` (version 3) with N resources, shaped like a real AWS stack: instances
 * (a few from a restricted vendor's image, some created before its deny-new date), launch templates,
 * buckets and security groups, with secrets, tags, dependencies and outputs.
 *
 *   node -r ts-node/register/transpile-only test/cli/generateLargeExport.ts <out.json> [count=50000]
 */
import * as fs from "fs";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
export const RESTRICTED_AMI = "ami-0a1b2c3d4e5f60001";
const ALLOWED_AMI = "ami-0abcdef1234567890";

export function generateExport(count: number, stack = "prod", project = "fleet"): object {
  const prefix = `urn:pulumi:${stack}::${project}::`;
  const stackUrn = `${prefix}pulumi:pulumi:Stack::${project}-${stack}`;
  const providerUrn = `${prefix}pulumi:providers:aws::default_7_48_0`;
  const providerRef = `${providerUrn}::3f9c6a2e-0b7d-4c1e-9d2a-6b1f0e8a7c55`;
  const created = (i: number) => new Date(Date.UTC(2023, 0, 1) + i * 20 * 60 * 1000).toISOString();
  const resources: object[] = [
    { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", created: created(0) },
    {
      urn: providerUrn,
      custom: true,
      id: "3f9c6a2e-0b7d-4c1e-9d2a-6b1f0e8a7c55",
      type: "pulumi:providers:aws",
      inputs: { region: "eu-west-1", version: "7.48.0" },
      outputs: { region: "eu-west-1", version: "7.48.0" },
      created: created(0),
    },
  ];
  let lastGroup = "";
  for (let i = 0; resources.length < count; i++) {
    const kind = i % 4;
    const tags = { Name: `res-${i}`, team: `team-${i % 37}`, env: stack, costCenter: `cc-${1000 + (i % 250)}` };
    let type: string;
    let inputs: Record<string, unknown>;
    let dependencies: string[] = [];
    if (kind === 0) {
      type = "aws:ec2/securityGroup:SecurityGroup";
      inputs = {
        __defaults: ["name"],
        name: `sg-${i}`,
        description: "web tier",
        vpcId: `vpc-${(i % 50).toString(16).padStart(8, "0")}`,
        ingress: [{ fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }],
        tags,
      };
    } else if (kind === 1) {
      type = "aws:ec2/instance:Instance";
      // One instance in 500 runs the restricted image; half of those predate the deny-new date.
      const ami = i % 2000 === 1 ? RESTRICTED_AMI : ALLOWED_AMI;
      inputs = {
        __defaults: [],
        ami,
        instanceType: "t3.micro",
        subnetId: `subnet-${(i % 200).toString(16).padStart(8, "0")}`,
        vpcSecurityGroupIds: [lastGroup],
        userData: { [SIG]: SECRET, ciphertext: `v1:${Buffer.from(`secret-${i}`).toString("base64")}` },
        tags,
      };
      dependencies = lastGroup ? [lastGroup] : [];
    } else if (kind === 2) {
      type = "aws:ec2/launchTemplate:LaunchTemplate";
      inputs = { __defaults: ["name"], name: `lt-${i}`, imageId: ALLOWED_AMI, instanceType: "t3.small", tags };
    } else {
      type = "aws:s3/bucket:Bucket";
      inputs = { __defaults: ["bucket", "forceDestroy"], bucket: `bucket-${i}-a1b2c3`, forceDestroy: false, tags };
    }
    const urn = `${prefix}${type}::res-${i}`;
    if (kind === 0) {
      lastGroup = urn;
    }
    const outputs = {
      ...inputs,
      id: `id-${i}`,
      arn: `arn:aws:${type.split(":")[1].split("/")[0]}:eu-west-1:111122223333:res/${i}`,
      tagsAll: tags,
      __meta: '{"schema_version":"1"}',
    };
    const c = created(i + 1);
    resources.push({
      urn,
      custom: true,
      id: `id-${i}`,
      type,
      inputs,
      outputs,
      parent: stackUrn,
      provider: providerRef,
      dependencies,
      propertyDependencies: Object.fromEntries(
        Object.keys(inputs)
          .filter((k) => !k.startsWith("__"))
          .map((k) => [k, k === "vpcSecurityGroupIds" ? dependencies : []]),
      ),
      created: c,
      modified: c,
    });
  }
  return {
    version: 3,
    deployment: {
      manifest: { time: "2024-09-01T12:00:00Z", magic: "0".repeat(64), version: "v3.140.0" },
      secrets_providers: { type: "passphrase", state: { salt: "v1:c2FsdA==" } },
      resources,
    },
  };
}

if (require.main === module) {
  const [out, countArg] = process.argv.slice(2);
  if (!out) {
    process.stderr.write("usage: generateLargeExport.ts <out.json> [count]\n");
    process.exit(2);
  }
  fs.writeFileSync(out, JSON.stringify(generateExport(Number(countArg ?? 50000)), null, 4));
  process.stdout.write(`${out}: ${(fs.statSync(out).size / 1e6).toFixed(1)} MB\n`);
}
