import { execFileSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../../support/pack";

const SCRIPTS = path.join(REPO_ROOT, "scripts", "moto");
const INSTALLED = fs.existsSync("/usr/bin/moto_server");

/** The images scripts/moto/start.sh seeds moto with. */
export const SEEDED = JSON.parse(fs.readFileSync(path.join(SCRIPTS, "seed-images.json"), "utf8")) as Array<{ ami_id: string; owner_id: string }>;

/**
 * `describe` for tests that need moto (a real EC2 API emulator). Without it they are skipped with a loud
 * message on a developer's machine; under CI (CI=true) its absence fails the run instead.
 */
export function describeWithMoto(name: string, body: () => void): void {
  if (INSTALLED || process.env.MOTO_ENDPOINT) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () =>
      it("needs moto", () => {
        throw new Error("moto is not installed: CI must run scripts/moto/install.sh");
      }),
    );
  } else {
    console.warn(`\n*** SKIPPED "${name}": moto is not installed. Run: sudo bash scripts/moto/install.sh ***\n`);
    describe.skip(name, body);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** The moto endpoint for this test file: MOTO_ENDPOINT (started by .ci/run), else one started here. */
export function useMoto(): () => string {
  let endpoint = process.env.MOTO_ENDPOINT;
  let started: { port: number; stateDir: string } | undefined;
  beforeAll(async () => {
    if (endpoint) return;
    const port = await freePort();
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "moto-"));
    endpoint = execFileSync("bash", [path.join(SCRIPTS, "start.sh"), String(port)], {
      env: { ...process.env, MOTO_STATE_DIR: stateDir },
      encoding: "utf8",
    }).trim();
    started = { port, stateDir };
  });
  afterAll(() => {
    if (!started) return;
    execFileSync("bash", [path.join(SCRIPTS, "stop.sh"), String(started.port)], { env: { ...process.env, MOTO_STATE_DIR: started.stateDir } });
    fs.rmSync(started.stateDir, { recursive: true, force: true });
  });
  return () => endpoint!;
}
