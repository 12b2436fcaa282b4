import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import type { StateStore, StoredObject } from "./stateStore";

/** A `file://` backend: the directory that holds `.pulumi/`. */
export class FileStore implements StateStore {
  readonly url: string;

  constructor(private readonly root: string) {
    this.url = pathToFileURL(root).href;
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    const slash = prefix.lastIndexOf("/");
    const dir = prefix.slice(0, slash + 1);
    yield* this.walk(dir, prefix);
  }

  /**
   * Entries sorted as S3 sorts full keys: a directory's name is compared with its "/" so that
   * `fleet.json` comes before `fleet/…`, keeping every variant of a stack file next to each other.
   */
  private async *walk(dir: string, prefix: string): AsyncIterable<StoredObject> {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(path.join(this.root, dir), { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
      throw e;
    }
    const named = entries
      .filter((e) => e.isDirectory() || e.isFile())
      .map((e) => ({ key: dir + e.name + (e.isDirectory() ? "/" : ""), isDir: e.isDirectory() }))
      .filter((e) => e.key.startsWith(prefix) || prefix.startsWith(e.key))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const e of named) {
      if (e.isDir) {
        yield* this.walk(e.key, prefix);
      } else {
        yield { key: e.key, modified: (await fs.promises.stat(path.join(this.root, e.key))).mtime };
      }
    }
  }

  read(key: string): Promise<Buffer> {
    return fs.promises.readFile(path.join(this.root, key));
  }
}
