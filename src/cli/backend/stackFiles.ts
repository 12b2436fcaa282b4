import type { StateStore, StoredObject } from "./stateStore";

/** Where the Pulumi CLI keeps the current state of every stack (pkg/backend/diy/store.go: StacksDir). */
const STACKS_DIR = ".pulumi/stacks/";

export interface StackFile {
  /** The object's key, e.g. `.pulumi/stacks/fleet/prod.json.gz`. */
  key: string;
  /** Absent in the legacy layout, where the stack's file sits directly in the stacks folder. */
  project?: string;
  stack: string;
  compression: "gzip" | "zstd" | undefined;
}

/** tokens.IsName (project) and tokens.ParseStackName (stack, at most 100 characters) in pulumi/pulumi's sdk/go/common/tokens. */
const NAME = "[A-Za-z0-9_.-]+";
/**
 * `<project>/<stack>.json` (project-scoped) or `<stack>.json` (legacy), optionally `.gz` or `.zst`, as
 * projectReferenceStore and legacyReferenceStore.ListReferences accept them; anything else under the
 * stacks folder (`.json.bak` backups, deeper paths) is not a stack. History and backups live outside it
 * (.pulumi/history, .pulumi/backups) and are never listed.
 */
const STACK_FILE = new RegExp(`^(?:(${NAME})/)?(${NAME})\\.json(\\.gz|\\.zst)?$`);

function stackFileOf(object: StoredObject): StackFile | undefined {
  const m = STACK_FILE.exec(object.key.slice(STACKS_DIR.length));
  if (!m || m[2].length > 100) {
    return undefined;
  }
  return { key: object.key, ...(m[1] ? { project: m[1] } : {}), stack: m[2], compression: m[3] === ".gz" ? "gzip" : m[3] === ".zst" ? "zstd" : undefined };
}

/**
 * Every stack of the backend, in key order, streamed from the listing. When a stack has several variants
 * (`prod.json` and `prod.json.gz` after PULUMI_DIY_BACKEND_GZIP was switched), the CLI reads the most
 * recently modified one (diyBackend.stackPath), and so does this. Keys arrive sorted, so the variants of
 * one stack (all starting with `<stack>.json`) are adjacent and each stack is yielded once the listing
 * has moved past them.
 */
export async function* stackFiles(store: StateStore): AsyncIterable<StackFile> {
  let pending: { base: string; file: StackFile; modified: Date } | undefined;
  for await (const object of store.list(STACKS_DIR)) {
    if (pending && !object.key.startsWith(pending.base)) {
      yield pending.file;
      pending = undefined;
    }
    const file = stackFileOf(object);
    if (!file) {
      continue;
    }
    const base = `${STACKS_DIR}${file.project ? `${file.project}/` : ""}${file.stack}.json`;
    if (!pending || pending.base !== base) {
      if (pending) yield pending.file;
      pending = { base, file, modified: object.modified };
    } else if (object.modified >= pending.modified) {
      pending = { base, file, modified: object.modified };
    }
  }
  if (pending) {
    yield pending.file;
  }
}
