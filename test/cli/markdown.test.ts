import * as path from "path";
import { configFile, ensureBuilt, fixtures, runCli } from "./runCli";

describe("markdown summary", () => {
  let md: string;

  beforeAll(() => {
    ensureBuilt();
    md = runCli(["scan", path.join(fixtures, "exports"), "--policy-pack-config", configFile, "--as-of", "2024-08-15", "--format", "markdown"]).stdout;
  });

  it("opens with the verdict a pull-request reader needs", () => {
    expect(md.split("\n")[0]).toBe("### restricted-vendors scan: ❌ 1 mandatory violation(s)");
  });

  it("has one summary row per stack", () => {
    expect(md).toContain("| fleet/prod | " + path.join(fixtures, "exports", "prod.json") + " | 5 | 1 | 1 |");
    expect(md).toContain("| fleet/staging | ");
  });

  it("lists the mandatory violation first, with vendor, reference and legal citation", () => {
    const rows = md.split("\n").filter((l) => l.startsWith("| mandatory") || l.startsWith("| advisory"));
    expect(rows[0]).toMatch(
      /^\| mandatory \| fleet\/prod \| `new-av-scanner` .*\| restricted-vendor-ami \| kaspersky-endpoint-images \| AMI ami-0a1b2c3d4e5f60001 .*\| 89 FR 52434-52437 \(2024-06-24\), FR Doc 2024-13532 \|/,
    );
  });

  it("says a grandfathered row came from the creation time", () => {
    expect(md).toMatch(/`legacy-av-scanner`.*grandfathered from creation time 2024-05-01T08:30:00Z/);
  });
});
