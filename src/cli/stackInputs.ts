import { InputError, parseJson, readInputFile } from "../util/inputFiles";
import type { AnalyzedProvider, AnalyzedResource } from "../harness/types";
import { nameFromUrn, typeFromUrn } from "../harness/analyzeResources";
import { toWireProperties } from "./stateValues";

/** When a resource is known to have existed, and how that is known. */
interface Existence {
  at: string;
  basis: "created" | "export-time";
}

export interface ScannedResource extends AnalyzedResource {
  /** What AnalyzeStack receives: the resource's outputs (inputs when a preview has none yet). */
  stackProperties: Record<string, unknown>;
  existedAt?: Existence;
  /** Where the resource is written: its line in the export, or where the program constructs it. */
  location?: { file: string; line: number };
}

export interface StackInput {
  source: string;
  kind: "stack-export" | "stack-checkpoint" | "preview-json" | "program";
  project: string;
  stack: string;
  resources: ScannedResource[];
  /**
   * Frees the resources' inputs once their Analyze requests are answered (state and exports): AnalyzeStack
   * sends outputs, and a large stack need not hold both while it is sent. A scan tried again loads the stack again.
   */
  releaseInputs?(): void;
}

interface StateResource {
  urn?: unknown;
  type?: unknown;
  custom?: unknown;
  delete?: unknown;
  external?: unknown;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: unknown;
  provider?: unknown;
  dependencies?: unknown;
  propertyDependencies?: unknown;
  created?: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Line of each resource's first `"urn": "..."` in the file, found in one pass over the text. The map is
 * dropped once the resources are built: its keys are slices of the text and would keep all of it alive.
 */
function urnLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const re = /"urn"\s*:\s*"([^"]+)"/g;
  let line = 1;
  let nextNewline = text.indexOf("\n");
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    for (; nextNewline !== -1 && nextNewline < m.index; nextNewline = text.indexOf("\n", nextNewline + 1)) {
      line++;
    }
    if (!lines.has(m[1])) {
      lines.set(m[1], line);
    }
  }
  // V8 keeps the subject of the last successful match (RegExp.input) until the next one anywhere: a match
  // on an empty string here lets the text go as soon as the resources are built.
  /^/.exec("");
  return lines;
}

function stackAndProject(urns: string[], source: string): { stack: string; project: string } {
  const first = urns.find((u) => u.startsWith("urn:pulumi:"));
  if (!first) {
    return { stack: "(empty)", project: source };
  }
  const [stack, project] = first.slice("urn:pulumi:".length).split("::");
  return { stack, project };
}

function providerUrn(ref: unknown): string | undefined {
  if (typeof ref !== "string" || ref === "") {
    return undefined;
  }
  return ref.slice(0, ref.lastIndexOf("::"));
}

function validTime(v: unknown): string | undefined {
  return typeof v === "string" && !Number.isNaN(Date.parse(v)) ? v : undefined;
}

/**
 * A state resource as the scan sends it. Built outside toScanned so that its getters keep only this
 * resource's state alive, not the file's text (through the URN index) nor the whole parse.
 */
function scannedResource(
  s: StateResource & { urn: string; type: string },
  provider: AnalyzedProvider | undefined,
  existedAt: Existence | undefined,
  location: ScannedResource["location"],
  inputsHeld: { value: boolean },
): ScannedResource {
  const rawOutputs = s.outputs && Object.keys(s.outputs).length > 0 ? s.outputs : s.inputs;
  return {
    type: s.type,
    name: nameFromUrn(s.urn),
    urn: s.urn,
    // Converted when a request is built, so a 50,000-resource export is not held twice more in memory.
    get properties() {
      if (!inputsHeld.value) {
        throw new Error(`the inputs of ${s.urn} were released after its Analyze request`);
      }
      return toWireProperties(s.inputs);
    },
    get stackProperties() {
      return toWireProperties(rawOutputs);
    },
    ...(provider ? { provider } : {}),
    ...(typeof s.parent === "string" && s.parent !== "" ? { parent: s.parent } : {}),
    dependencies: Array.isArray(s.dependencies) ? (s.dependencies as string[]) : [],
    propertyDependencies: isObject(s.propertyDependencies) ? (s.propertyDependencies as Record<string, string[]>) : {},
    ...(existedAt ? { existedAt } : {}),
    ...(location ? { location } : {}),
  };
}

/** Built outside toScanned: a closure there would keep its scope, and through the URN index the file's text, alive. */
function inputsReleaser(states: StateResource[], inputsHeld: { value: boolean }): () => void {
  return () => {
    inputsHeld.value = false;
    for (const s of states) {
      delete s.inputs;
    }
  };
}

function toScanned(states: StateResource[], source: string, text: string, exportTime: string | undefined, kind: StackInput["kind"]): StackInput {
  const byUrn = new Map<string, StateResource>();
  for (const s of states) {
    if (typeof s.urn === "string") {
      byUrn.set(s.urn, s);
    }
  }
  const lines = urnLines(text);
  // One object per provider, shared by the resources it manages.
  const providers = new Map<string, AnalyzedProvider>();
  const provider = (ref: unknown): AnalyzedProvider | undefined => {
    const urn = providerUrn(ref);
    if (!urn) {
      return undefined;
    }
    let p = providers.get(urn);
    if (!p) {
      const state = byUrn.get(urn);
      p = { type: typeof state?.type === "string" ? state.type : typeFromUrn(urn), name: nameFromUrn(urn), urn, properties: toWireProperties(state?.inputs) };
      providers.set(urn, p);
    }
    return p;
  };
  const resources: ScannedResource[] = [];
  const inputsHeld = { value: true };
  states.forEach((s, i) => {
    if (typeof s.urn !== "string" || typeof s.type !== "string") {
      throw new InputError(source, `resource ${i} has no urn or type`);
    }
    // Old copies awaiting deletion and resources only read (not managed) by the stack are not its own.
    if (s.delete === true || s.external === true) {
      return;
    }
    const created = validTime(s.created);
    const existedAt: Existence | undefined = created ? { at: created, basis: "created" } : exportTime ? { at: exportTime, basis: "export-time" } : undefined;
    const line = lines.get(s.urn);
    resources.push(
      scannedResource(
        s as StateResource & { urn: string; type: string },
        provider(s.provider),
        existedAt,
        line !== undefined ? { file: source, line } : undefined,
        inputsHeld,
      ),
    );
  });
  return { source, kind, ...stackAndProject([...byUrn.keys()], source), resources, releaseInputs: inputsReleaser(states, inputsHeld) };
}

/**
 * A self-managed backend's stack file: `{version, checkpoint: {stack, latest: <deployment>}}`, as
 * pulumi/pulumi's pkg/backend/diy writes it (apitype.VersionedCheckpoint; version 4 only adds `features`).
 * A stack that was initialised but never deployed has no `latest`.
 */
export function fromCheckpoint(doc: Record<string, unknown>, source: string, text: string): StackInput {
  if (doc.version !== 3 && doc.version !== 4) {
    throw new InputError(source, `checkpoint version ${JSON.stringify(doc.version)} is not supported (expected 3 or 4, as the Pulumi CLI writes)`);
  }
  const checkpoint = doc.checkpoint;
  if (!isObject(checkpoint)) {
    throw new InputError(source, 'stack checkpoint has no "checkpoint" object');
  }
  const latest = checkpoint.latest ?? {};
  if (!isObject(latest)) {
    throw new InputError(source, '"checkpoint.latest" is not an object');
  }
  return fromDeployment(latest, source, text, "checkpoint.latest", "stack-checkpoint");
}

function fromExport(doc: Record<string, unknown>, source: string, text: string): StackInput {
  if (doc.version !== 3) {
    throw new InputError(source, `stack export version ${JSON.stringify(doc.version)} is not supported (expected 3, as \`pulumi stack export\` writes)`);
  }
  const deployment = doc.deployment;
  if (!isObject(deployment)) {
    throw new InputError(source, 'stack export has no "deployment" object');
  }
  return fromDeployment(deployment, source, text, "deployment", "stack-export");
}

function fromDeployment(deployment: Record<string, unknown>, source: string, text: string, at: string, kind: StackInput["kind"]): StackInput {
  const resources = deployment.resources ?? [];
  if (!Array.isArray(resources)) {
    throw new InputError(source, `"${at}.resources" is not an array`);
  }
  const manifest = isObject(deployment.manifest) ? deployment.manifest : {};
  return toScanned(resources as StateResource[], source, text, validTime(manifest.time), kind);
}

function fromPreview(doc: Record<string, unknown>, source: string, text: string): StackInput {
  const steps = doc.steps as unknown[];
  const states: StateResource[] = [];
  for (const step of steps) {
    if (!isObject(step) || !isObject(step.newState)) {
      continue; // deletes have no new state: nothing to check
    }
    const old = isObject(step.oldState) ? step.oldState : undefined;
    // A resource the preview keeps or updates already exists: its old state says since when.
    states.push({ ...(step.newState as StateResource), created: (step.newState as StateResource).created ?? old?.created });
  }
  return toScanned(states, source, text, undefined, "preview-json");
}

/** Reads one input file: a version-3 stack export or `pulumi preview --json` output. */
export function loadStackFile(file: string): StackInput {
  const text = readInputFile(file);
  const doc = parseJson(text, file);
  if (!isObject(doc)) {
    throw new InputError(file, "not a JSON object: expected a `pulumi stack export` file or `pulumi preview --json` output");
  }
  if ("deployment" in doc || "version" in doc) {
    return fromExport(doc, file, text);
  }
  if (Array.isArray(doc.steps)) {
    return fromPreview(doc, file, text);
  }
  throw new InputError(file, "neither a `pulumi stack export` file (version 3) nor `pulumi preview --json` output");
}
