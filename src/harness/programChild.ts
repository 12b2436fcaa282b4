/**
 * Child-process entry for runProgram: runs one unmodified Pulumi program under Pulumi's mocks
 * (preview mode) and reports every RegisterResource call to the parent over IPC.
 * ts-node (transpile-only) is registered by the parent with `-r`, as Pulumi's Node host does.
 */
import * as fs from "fs";
import { register as registerLoaderHooks } from "module";
import * as path from "path";
import { pathToFileURL } from "url";
import { answerInvoke, loadMocksFile, resourceOverrides } from "./programMocks";
import type { CapturedResource } from "./capturedResource";

export interface ChildRequest {
  programDir: string;
  main: string;
  project: string;
  stack: string;
  config: Record<string, string>;
  mocksFile?: string;
  preview: boolean;
}

export type ChildReply = { kind: "done"; resources: CapturedResource[] } | { kind: "error"; message: string };

function send(reply: ChildReply): Promise<void> {
  return new Promise((resolve) => process.send!(reply, () => resolve()));
}

function messageOf(e: unknown): string {
  if (e instanceof Error) {
    return e.message;
  }
  return String(e);
}

let finished = false;
async function finish(reply: ChildReply): Promise<never> {
  if (!finished) {
    finished = true;
    await send(reply);
  }
  process.exit(reply.kind === "done" ? 0 : 1);
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
  getVersion(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getDependenciesList(): string[];
  getSourceposition(): SourcePosition | undefined;
  getStacktrace(): { getFramesList(): Array<{ getPc(): SourcePosition | undefined }> } | undefined;
  getPropertydependenciesMap(): { forEach(cb: (v: { getUrnsList(): string[] }, k: string) => void): void };
}

interface SourcePosition {
  getUri(): string;
  getLine(): number;
}

type RegisterCallback = (err: Error | null, resp?: { getUrn(): string }) => void;

function fileOf(pos: SourcePosition | undefined): { file: string; line: number } | undefined {
  return pos && pos.getUri().startsWith("file://") ? { file: decodeURIComponent(pos.getUri().slice("file://".length)), line: pos.getLine() } : undefined;
}

const inLibrary = (file: string) => file.split(/[\\/]/).includes("node_modules");

/**
 * Where the user's program constructs the resource: the first frame of the registration's stack trace outside
 * node_modules. The SDK's own source position is the frame right below the resource class, which for a
 * resource a library creates (helm.v3.Chart's children, an awsx component's) is inside node_modules.
 */
function sourcePositionOf(req: RegisterRequest): Pick<CapturedResource, "sourcePosition"> {
  const frames = req.getStacktrace()?.getFramesList() ?? [];
  const position = frames.map((f) => fileOf(f.getPc())).find((p) => p !== undefined && !inLibrary(p.file)) ?? fileOf(req.getSourceposition());
  return position ? { sourcePosition: position } : {};
}

/**
 * A resource a library creates later (in an apply, as helm.v3.Chart does) has no program frame on its stack:
 * it takes the position of its nearest ancestor that has one, the component the program constructed.
 */
function locateInProgram(captured: CapturedResource[]): void {
  const byUrn = new Map(captured.map((r) => [r.urn, r]));
  const inProgram = (r: CapturedResource | undefined) => r?.sourcePosition !== undefined && !inLibrary(r.sourcePosition.file);
  for (const resource of captured) {
    if (inProgram(resource)) continue;
    let ancestor = resource.parent ? byUrn.get(resource.parent) : undefined;
    while (ancestor && !inProgram(ancestor)) ancestor = ancestor.parent ? byUrn.get(ancestor.parent) : undefined;
    if (ancestor) resource.sourcePosition = ancestor.sourcePosition;
  }
}

function captureFrom(req: RegisterRequest, urn: string): CapturedResource {
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((v, k) => {
    propertyDependencies[k] = v.getUrnsList();
  });
  return {
    type: req.getType(),
    name: req.getName(),
    urn,
    custom: req.getCustom(),
    inputs: req.getObject()?.toJavaScript() ?? {},
    ...(req.getParent() ? { parent: req.getParent() } : {}),
    ...(req.getProvider() ? { providerRef: req.getProvider() } : {}),
    ...(req.getVersion() ? { version: req.getVersion() } : {}),
    dependencies: req.getDependenciesList(),
    propertyDependencies,
    ...sourcePositionOf(req),
  };
}

function requireFromProgram(programDir: string, id: string): unknown {
  let resolved: string;
  try {
    resolved = require.resolve(id, { paths: [programDir] });
  } catch {
    resolved = require.resolve(id);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK module the program itself loads, found at run time
  return require(resolved);
}

// tsc would turn import() into require(), which cannot load an ES module.
const dynamicImport = (0, eval)("(u) => import(u)") as (url: string) => Promise<Record<string, unknown>>;

function isEsModuleProgram(programDir: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(path.join(programDir, "package.json"), "utf8")) as { type?: unknown }).type === "module";
  } catch {
    return false;
  }
}

/**
 * Loads the program as Pulumi's Node host does (@pulumi/pulumi cmd/run/run.js): a CommonJS program is required,
 * a directory as a folder (package.json main or index.ts), never an adjacent file; an ES module program
 * ("type": "module") is imported, with TypeScript compiled by the SDK's own ts-node loader hooks, and its default
 * export, if any, is the program.
 */
async function loadProgram(programDir: string, programPath: string): Promise<unknown> {
  const isDirectory = fs.statSync(programPath).isDirectory();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS program is required, as Pulumi's Node host does
  if (!isEsModuleProgram(programDir)) return require(isDirectory ? `${programPath}/` : programPath);
  const compilerOptions = { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", sourceMap: true };
  // The hooks create their ts-node service when they load, from the environment (the `data` arrives later), so
  // without a tsconfig.json the module options go there, replacing the CommonJS defaults runProgram set.
  if (!fs.existsSync(path.join(programDir, "tsconfig.json")))
    process.env.TS_NODE_COMPILER_OPTIONS = JSON.stringify({ ...compilerOptions, esModuleInterop: true });
  const hooks = require.resolve("@pulumi/pulumi/cmd/run/hooks.js", { paths: [programDir, __dirname] });
  registerLoaderHooks(pathToFileURL(hooks).href, pathToFileURL(__filename), { data: { transpileOnly: true, compilerOptions } });
  const entry = isDirectory
    ? ["index.js", "index.mjs", "index.ts", "index.mts"].map((f) => path.join(programPath, f)).find((f) => fs.existsSync(f))
    : programPath;
  if (!entry) throw new Error(`no entry point (index.js, index.mjs, index.ts or index.mts) in ${programPath}`);
  const exported = await dynamicImport(pathToFileURL(entry).href);
  return Object.getOwnPropertyDescriptor(exported, "default") !== undefined ? exported.default : exported;
}

async function run(req: ChildRequest): Promise<CapturedResource[]> {
  process.chdir(req.programDir);
  // The program must share the @pulumi/pulumi instance that the mocks are installed in.
  const pulumi = requireFromProgram(req.programDir, "@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  const runtime = pulumi.runtime as typeof pulumi.runtime & { waitForRPCs(): Promise<void> };
  const mocks = loadMocksFile(req.mocksFile);
  runtime.setAllConfig(req.config);
  await runtime.setMocks(
    {
      newResource: (args) => ({
        // During preview the engine does not know the ids of resources it would create.
        id: req.preview ? undefined : `${args.name}-id`,
        state: { ...args.inputs, ...resourceOverrides(mocks, args.type, args.name) },
      }),
      call: (args) => {
        try {
          return answerInvoke(mocks, args.token, args.inputs, req.mocksFile ?? path.join(req.programDir, "mocks.json"));
        } catch (e) {
          unanswered.push((e as Error).message);
          // The SDK reports an invoke failure through the gRPC error's `details`, as the engine sends it.
          throw Object.assign(e as Error, { details: (e as Error).message });
        }
      },
    },
    req.project,
    req.stack,
    req.preview,
  );
  const captured: CapturedResource[] = [];
  const monitor = runtime.getMonitor() as unknown as {
    registerResource(r: RegisterRequest, cb: RegisterCallback): void;
    newUrn(parent: string, type: string, name: string): string;
  };
  // The mock monitor prefixes children of the root stack with "pulumi:pulumi:Stack$"; the engine
  // does not, and policies and grandfathering globs see the engine's URNs.
  monitor.newUrn = (parent, type, name) => {
    const parentQualified = parent ? parent.split("::")[2] : "";
    const parentType = parentQualified.split("$").pop();
    const qualified = parent && parentType !== "pulumi:pulumi:Stack" ? `${parentQualified}$${type}` : type;
    return `urn:pulumi:${req.stack}::${req.project}::${qualified}::${name}`;
  };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (r, cb) =>
    original(r, (err, resp) => {
      if (!err && resp) {
        captured.push(captureFrom(r, resp.getUrn()));
      }
      cb(err, resp);
    });
  const programPath = path.resolve(req.programDir, req.main);
  await runtime.runInPulumiStack(async () => {
    const exported = await loadProgram(req.programDir, programPath);
    const entry = exported instanceof Function ? exported : undefined;
    return entry ? await entry() : exported;
  });
  await runtime.waitForRPCs();
  locateInProgram(captured);
  return captured;
}

// A failed registration (e.g. an unanswered invoke feeding an input) surfaces only as an unhandled
// rejection, as under `pulumi preview`; it fails the run like it fails the preview.
const asyncFailures: string[] = [];
process.on("unhandledRejection", (e) => asyncFailures.push(messageOf(e)));
process.on("uncaughtException", (e) => asyncFailures.push(messageOf(e)));

// Invokes the mocks could not answer. A program (or a component such as helm.v3.Chart) may catch the failure
// and wait forever on its result: the run then ends with Pulumi's "promises were still active" and no cause.
const unanswered: string[] = [];

// The event loop emptied while the program was still waiting: name the first cause known, before Pulumi's leak report.
process.on("beforeExit", () => {
  void finish({
    kind: "error",
    message:
      unanswered[0] ?? asyncFailures[0] ?? "the program ended while resource registrations were still waiting for an output or promise that never resolved",
  });
});

function afterPendingRejections(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

process.once("message", (req: ChildRequest) => {
  run(req).then(
    async (resources) => {
      await afterPendingRejections();
      await finish(asyncFailures.length > 0 ? { kind: "error", message: asyncFailures[0] } : { kind: "done", resources });
    },
    (e) => finish({ kind: "error", message: messageOf(e) }),
  );
});
