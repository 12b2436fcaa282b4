import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensureBuilt, runCli } from "../cli/runCli";
import { DENY_DATE, KCS_IMAGE } from "./support";

// Every planted secret carries this marker; an export made with --show-secrets holds them in clear.
const MARKER = "ZZSECRET";
const token = (n: number) => `${MARKER}${n}x9f`;

const urn = (type: string, name: string) => `urn:pulumi:prod::fleet::${type}::${name}`;

function exportWith(resources: Array<{ type: string; name: string; outputs: Record<string, unknown> }>): string {
  return JSON.stringify({
    version: 3,
    deployment: {
      manifest: { time: "2024-09-30T00:00:00Z", magic: "", version: "v3.140.0" },
      resources: resources.map((r) => ({ urn: urn(r.type, r.name), custom: true, type: r.type, inputs: r.outputs, outputs: r.outputs })),
    },
  });
}

const resources = [
  {
    type: "aws:ec2/instance:Instance",
    name: "scanner-host",
    outputs: {
      ami: "ami-0123456789abcdef0",
      userData: `#!/bin/sh\nexport TOKEN=${token(1)}\ndocker run -e KEY=${token(2)} ${KCS_IMAGE} --password ${token(3)}\n`,
    },
  },
  {
    type: "kubernetes:apps/v1:Deployment",
    name: "agent",
    outputs: {
      spec: {
        template: {
          spec: {
            containers: [
              {
                image: `${KCS_IMAGE} --token=${token(4)}`,
                env: [{ name: "INSTALL", value: `https://ci:${token(5)}@repo.kcs.kaspersky.com/agent.sh?sig=${token(6)}` }],
              },
            ],
          },
        },
      },
    },
  },
  {
    type: "aws:lambda/function:Function",
    name: "fn",
    // An export made with --show-secrets keeps a secret as { sig, plaintext } with the JSON of the value.
    outputs: {
      environment: {
        variables: { PULL: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(`${token(7)} ${KCS_IMAGE}`) } },
      },
    },
  },
];

describe("the CLI's reports quote only the matched reference", () => {
  let dir: string;
  let exportFile: string;

  beforeAll(() => {
    ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "restricted-vendors-secrets-"));
    exportFile = path.join(dir, "prod.json");
    fs.writeFileSync(exportFile, exportWith(resources));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(["json", "sarif", "markdown", "text"])("%s report", (format) => {
    const run = runCli(["scan", exportFile, "--as-of", DENY_DATE, "--format", format]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(KCS_IMAGE);
    expect(run.stdout).not.toContain(MARKER);
    expect(run.stderr).not.toContain(MARKER);
  });

  it("reports a malformed export without quoting the text around the error", () => {
    const broken = path.join(dir, "broken.json");
    fs.writeFileSync(broken, `{"version": 3, "deployment": {"resources": [{"outputs": {"token": ${token(8)}}}]}}`);
    const run = runCli(["scan", broken, "--format", "json"]);
    expect(run.status).toBe(2);
    const report = JSON.parse(run.stdout) as { errors: Array<{ problem: string }> };
    expect(report.errors[0].problem).toMatch(/^malformed JSON: Unexpected token/);
    expect(run.stdout + run.stderr).not.toContain(MARKER);
  });
});
