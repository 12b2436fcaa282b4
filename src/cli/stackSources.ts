import { backendOf } from "./backend/backendInput";
import { loadBackendStack } from "./backend/backendStack";
import { stackFiles } from "./backend/stackFiles";
import type { StateStore } from "./backend/stateStore";
import { expandScanInputs } from "./inputPaths";
import { InputError } from "../util/inputFiles";
import { loadStackFile, type StackInput } from "./stackInputs";

/** One stack to scan, read only when a worker takes it, so no more stacks are in memory than there are workers. */
export interface StackSource {
  source: string;
  load(): Promise<StackInput>;
}

const failing = (source: string, problem: string): StackSource => ({ source, load: () => Promise.reject(new InputError(source, problem)) });

/** An AWS SDK or file-system failure in one line, with what to do for the ones a user is likely to meet. */
function listingProblem(e: unknown): string {
  const error = e as Error & { Code?: string };
  if (/region is missing/i.test(error.message)) {
    return "no AWS region: set AWS_REGION or AWS_PROFILE, or add ?region=<region> to the URL";
  }
  if (error.name === "CredentialsProviderError") {
    return `no AWS credentials: ${error.message.split("\n")[0]}`;
  }
  const code = error.name && error.name !== "Error" ? `${error.name}: ` : "";
  return `cannot list stacks: ${code}${error.message.split("\n")[0]}`;
}

async function* backendStacks(input: string, store: StateStore): AsyncIterable<StackSource> {
  let count = 0;
  try {
    for await (const file of stackFiles(store)) {
      count++;
      yield { source: `${store.url}/${file.key}`, load: () => loadBackendStack(store, file) };
    }
  } catch (e) {
    yield failing(input, listingProblem(e));
    return;
  }
  if (count === 0) {
    yield failing(input, "no stacks in .pulumi/stacks (nothing was ever deployed to this backend, or the prefix is wrong)");
  }
}

/**
 * The stacks the inputs name, in the order given: export files (a folder's sorted), and every stack of
 * a self-managed backend, streamed from its listing. A bad input becomes a source that fails to load,
 * so its error is reported in its place.
 */
export async function* stackSources(inputs: string[], endpoint: string | undefined): AsyncIterable<StackSource> {
  for (const input of inputs) {
    let store: StateStore | undefined;
    try {
      store = backendOf(input, endpoint);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      yield failing(e.source, e.problem);
      continue;
    }
    if (store) {
      yield* backendStacks(input, store);
      continue;
    }
    const { files, failures } = expandScanInputs([input]);
    for (const f of failures) {
      yield failing(f.source, f.problem);
    }
    for (const file of files) {
      yield { source: file, load: async () => loadStackFile(file) };
    }
  }
}
