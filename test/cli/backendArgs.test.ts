import { parseArgs, UsageError } from "../../src/cli/args";

describe("scan options for backends", () => {
  it("takes --jobs and --endpoint for scan", () => {
    expect(parseArgs(["scan", "s3://state", "--jobs", "4", "--endpoint=http://minio.internal:9000"])).toMatchObject({
      inputs: ["s3://state"],
      jobs: 4,
      endpoint: "http://minio.internal:9000",
    });
  });

  it("leaves --jobs unset so that the scan uses one pack per core", () => {
    expect(parseArgs(["grandfather", "s3://state"])).not.toHaveProperty("jobs");
  });

  it("rejects a --jobs that is not a whole number from 1", () => {
    for (const jobs of ["0", "-1", "two", "1.5"]) {
      expect(() => parseArgs(["scan", "s3://state", `--jobs=${jobs}`])).toThrow(new UsageError(`--jobs must be a whole number from 1 to 999, not "${jobs}"`));
    }
  });

  it("rejects --jobs and --endpoint for preview, which runs one program at a time", () => {
    expect(() => parseArgs(["preview", "examples", "--jobs", "2"])).toThrow("--jobs and --endpoint apply to scan and grandfather only");
  });
});
