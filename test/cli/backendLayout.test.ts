import { stackFiles } from "../../src/cli/backend/stackFiles";
import type { StateStore, StoredObject } from "../../src/cli/backend/stateStore";

/** A bucket listing, sorted by key as S3 lists it. */
function bucket(objects: Array<[string, string?]>): StateStore {
  const listed: StoredObject[] = objects
    .map(([key, modified]) => ({ key, modified: new Date(modified ?? "2025-01-01T00:00:00Z") }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  return {
    url: "s3://state",
    async *list(prefix: string) {
      yield* listed.filter((o) => o.key.startsWith(prefix));
    },
    read: () => Promise.reject(new Error("not read in these tests")),
  };
}

async function stacksOf(store: StateStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const f of stackFiles(store)) keys.push(`${f.project ?? "-"} ${f.stack} ${f.compression ?? "plain"} ${f.key}`);
  return keys;
}

describe("stack files of a backend, as the Pulumi CLI's diy backend lists them", () => {
  it("finds project-scoped stacks, plain and gzip-compressed", async () => {
    expect(await stacksOf(bucket([[".pulumi/stacks/fleet/prod.json"], [".pulumi/stacks/fleet/staging.json.gz"], [".pulumi/meta.yaml"]]))).toEqual([
      "fleet prod plain .pulumi/stacks/fleet/prod.json",
      "fleet staging gzip .pulumi/stacks/fleet/staging.json.gz",
    ]);
  });

  it("finds legacy-layout stacks directly in the stacks folder", async () => {
    expect(await stacksOf(bucket([[".pulumi/stacks/prod.json"], [".pulumi/stacks/dev.json.zst"]]))).toEqual([
      "- dev zstd .pulumi/stacks/dev.json.zst",
      "- prod plain .pulumi/stacks/prod.json",
    ]);
  });

  it("skips backups, history, deeper paths and names the CLI would not accept", async () => {
    expect(
      await stacksOf(
        bucket([
          [".pulumi/stacks/fleet/prod.json"],
          [".pulumi/stacks/fleet/prod.json.bak"],
          [".pulumi/stacks/fleet/prod.json.gz.bak"],
          [".pulumi/stacks/fleet/nested/prod.json"],
          [".pulumi/stacks/fleet/bad name.json"],
          [`.pulumi/stacks/fleet/${"x".repeat(101)}.json`],
          [".pulumi/stacks/fleet/notes.txt"],
          [".pulumi/history/fleet/prod/prod-1.checkpoint.json"],
          [".pulumi/backups/fleet/prod/prod.1.json"],
        ]),
      ),
    ).toEqual(["fleet prod plain .pulumi/stacks/fleet/prod.json"]);
  });

  it("reads the most recently modified of a stack's plain and compressed files, once", async () => {
    const store = bucket([
      [".pulumi/stacks/fleet/prod.json", "2025-03-01T00:00:00Z"],
      [".pulumi/stacks/fleet/prod.json.bak", "2025-04-01T00:00:00Z"],
      [".pulumi/stacks/fleet/prod.json.gz", "2025-02-01T00:00:00Z"],
      [".pulumi/stacks/fleet/prod-eu.json.gz", "2025-02-01T00:00:00Z"],
    ]);
    expect(await stacksOf(store)).toEqual(["fleet prod-eu gzip .pulumi/stacks/fleet/prod-eu.json.gz", "fleet prod plain .pulumi/stacks/fleet/prod.json"]);
  });

  it("takes the file listed last when a stack's files were modified at the same time, as the CLI does", async () => {
    expect(await stacksOf(bucket([[".pulumi/stacks/fleet/prod.json"], [".pulumi/stacks/fleet/prod.json.gz"]]))).toEqual([
      "fleet prod gzip .pulumi/stacks/fleet/prod.json.gz",
    ]);
  });
});
