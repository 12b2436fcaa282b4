import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fileURLToPath } from "url";
import { InputError } from "../../util/inputFiles";
import { FileStore } from "./fileStore";
import { S3Store } from "./s3Store";
import type { StateStore } from "./stateStore";

const EXPORT_INSTEAD = (url: string) =>
  `${url.split(":")[0]}:// backends are not read directly: run \`pulumi login ${url}\`, then \`pulumi stack ls --all\` and \`pulumi stack export --stack <org/project/stack> --file <stack>.json\` for each stack, and scan those files`;

function holdsState(dir: string): boolean {
  return fs.existsSync(path.join(dir, ".pulumi")) && fs.statSync(path.join(dir, ".pulumi")).isDirectory();
}

function fileBackend(input: string): StateStore {
  // `pulumi login file://~` stores state in the home directory.
  const dir = input === "file://~" || input.startsWith("file://~/") ? path.join(os.homedir(), input.slice("file://~".length)) : fileURLToPath(new URL(input));
  if (!holdsState(dir)) {
    throw new InputError(input, `no .pulumi folder in ${dir}: not a Pulumi state backend`);
  }
  return new FileStore(dir);
}

function s3Backend(input: string, endpoint: string | undefined): StateStore {
  // The query parameters `pulumi login s3://…` takes for these two (gocloud.dev's s3blob URL options).
  const url = new URL(input);
  if (url.hostname === "") {
    throw new InputError(input, "no bucket: expected s3://bucket or s3://bucket/prefix");
  }
  const prefix = decodeURIComponent(url.pathname).replace(/^\/+/, "").replace(/\/*$/, "/").replace(/^\/$/, "");
  const region = url.searchParams.get("region") ?? undefined;
  return new S3Store({ bucket: url.hostname, prefix, endpoint: endpoint ?? url.searchParams.get("endpoint") ?? undefined, region });
}

/**
 * The state backend an input names (`file://…`, `s3://…`, or a directory holding `.pulumi/`), or
 * undefined for an export file or a folder of them. A backend this tool cannot read is an InputError
 * that says how to export its stacks instead.
 */
export function backendOf(input: string, endpoint: string | undefined): StateStore | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(input)?.[1]?.toLowerCase();
  switch (scheme) {
    case undefined:
      return fs.existsSync(input) && fs.statSync(input).isDirectory() && holdsState(input) ? new FileStore(path.resolve(input)) : undefined;
    case "file":
      return fileBackend(input);
    case "s3":
      return s3Backend(input, endpoint);
    case "azblob":
    case "gs":
      throw new InputError(input, EXPORT_INSTEAD(input));
    default:
      throw new InputError(input, `unknown backend scheme "${scheme}://" (this tool reads file:// and s3:// backends, and exported stack files)`);
  }
}
