import * as net from "net";
import { PackProcess, startPack } from "../../src/harness/packProcess";
import { REPO_ROOT, ofPolicy, resource } from "../support/pack";
import { AMI_POLICY, MARKETPLACE_POLICY, bothPolicies } from "./support/vendors";

/**
 * An EC2 endpoint that accepts connections and never answers, as a black-holed proxy would: every attempt
 * must time out, the retries must end, and the AMI must be reported as unverified rather than allowed.
 */
describe('amiResolution "aws" when EC2 does not answer', () => {
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  let pack: PackProcess;

  beforeAll(async () => {
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const endpoint = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    pack = await startPack(REPO_ROOT, {
      dryRun: false,
      env: {
        AWS_ENDPOINT_URL_EC2: endpoint,
        AWS_ACCESS_KEY_ID: "testing",
        AWS_SECRET_ACCESS_KEY: "testing",
        AWS_REGION: "us-east-1",
        RESTRICTED_VENDORS_EC2_TIMEOUT_MS: "300",
      },
    });
  });
  afterAll(async () => {
    await pack?.stop();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  const analyze = async (asOf: string, name: string) => {
    await pack.configure(bothPolicies({ asOf, amiResolution: "aws" }));
    const diagnostics = await pack.analyze(resource("aws:ec2/instance:Instance", name, { ami: `ami-0f${name.padStart(15, "0")}` }));
    return { ami: ofPolicy(diagnostics, AMI_POLICY), listing: ofPolicy(diagnostics, MARKETPLACE_POLICY) };
  };

  it("blocks an AMI it could not look up after the vendor's deny date, and says why", async () => {
    const { ami, listing } = await analyze("2025-03-01", "1");
    expect(listing).toEqual([]);
    expect(ami.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    expect(ami[0].message).toMatch(/lookup: {4}EC2 DescribeImages in us-east-1 failed: \w+: .*after 3 attempts/);
  });

  it("only warns about it during the vendor's warn window", async () => {
    const { ami } = await analyze("2025-01-15", "2");
    expect(ami.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
  });

  it("says nothing about it before any window of a vendor it could belong to", async () => {
    const { ami } = await analyze("2024-11-01", "3");
    expect(ami).toEqual([]);
  });
});
