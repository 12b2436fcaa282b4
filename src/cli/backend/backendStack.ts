import { promisify } from "util";
import * as zlib from "zlib";
import { InputError, parseJson } from "../../util/inputFiles";
import { fromCheckpoint, type StackInput } from "../stackInputs";
import type { StackFile } from "./stackFiles";
import type { StateStore } from "./stateStore";

const gunzip = promisify(zlib.gunzip);

/** Node.js has zstd since 22.15; PULUMI_DIY_BACKEND_ZSTD files need it. */
type ZstdZlib = { zstdDecompress?: (buf: Buffer, cb: (e: Error | null, out: Buffer) => void) => void };

async function decompress(data: Buffer, file: StackFile, source: string): Promise<Buffer> {
  if (file.compression === "gzip") {
    return gunzip(data);
  }
  if (file.compression === "zstd") {
    const zstd = (zlib as unknown as ZstdZlib).zstdDecompress;
    if (!zstd) {
      throw new InputError(
        source,
        `compressed with zstd, which Node.js ${process.version} cannot read (Node.js 22.15 or later can): export it with \`pulumi stack export\` and scan the file`,
      );
    }
    return promisify(zstd)(data);
  }
  return data;
}

/** Reads one stack's checkpoint from the backend; the project and stack come from where the CLI filed it. */
export async function loadBackendStack(store: StateStore, file: StackFile): Promise<StackInput> {
  const source = `${store.url}/${file.key}`;
  let text: string;
  try {
    text = (await decompress(await store.read(file.key), file, source)).toString("utf8");
  } catch (e) {
    throw e instanceof InputError ? e : new InputError(source, `cannot be read: ${(e as Error).message}`);
  }
  const doc = parseJson(text, source);
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new InputError(source, "not a JSON object: expected a stack checkpoint as the Pulumi CLI writes it");
  }
  const input = fromCheckpoint(doc as Record<string, unknown>, source, text);
  return { ...input, project: file.project ?? (input.resources.length > 0 ? input.project : "(legacy layout)"), stack: file.stack };
}
