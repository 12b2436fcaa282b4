import fc from "fast-check";
import { gzipSync } from "zlib";
import { AMI_FIELDS } from "../../src/extract/ami/amiFields";
import { AZURE_FIELDS } from "../../src/extract/azure/azureFields";
import { CONTAINER_SOURCES } from "../../src/extract/container/containerImages";
import { GCP_IMAGE_FIELDS } from "../../src/extract/gcp/gcpFields";
import { HELM_SOURCES } from "../../src/extract/kubernetes/helm";
import { LISTING_FIELDS, ListingKind } from "../../src/extract/marketplace/marketplaceFields";
import { childPath } from "../../src/props/paths";
import { UNKNOWN } from "../../src/harness/wireValues";
import { VENDOR_AMI } from "./support";

/** A restricted reference placed in a resource, and the property path a finding must name for it. */
export interface Plant {
  path: string;
  /** Where to put the value: property steps, with array indices as numbers. */
  steps: Array<string | number>;
  value: unknown;
}

export interface PlantedResource {
  type: string;
  props: Record<string, unknown>;
  plants: Plant[];
}

// Restricted in the fuzz config: Kaspersky's registry (catalog) and the test vendor's images, account, AMI and projects.
const RESTRICTED_IMAGES = [
  "repo.kcs.kaspersky.com/kcs/scanner:2.0",
  "REPO.KCS.KASPERSKY.COM:443/kcs/node-agent@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  "examplevendor/agent:7",
  "docker.io/examplevendor/agent",
  "index.docker.io/examplevendor/tools/cli:1",
  "111122223333.dkr.ecr.eu-west-1.amazonaws.com/agent:1",
];
// Found in free text without a command around them: they name a registry host.
const RESTRICTED_IN_TEXT = [
  "repo.kcs.kaspersky.com/kcs/scanner:2.0",
  "https://repo.kcs.kaspersky.com/install.sh",
  "oci://repo.kcs.kaspersky.com/charts/kcs",
  "docker.io/examplevendor/agent:7",
];

/** Text that looks close to a restricted reference and must never match one. */
const NEAR_MISSES = [
  "repo.kcs.kaspersky.com.evil.io/kcs/scanner:2.0",
  "notkaspersky.com/kcs/x",
  "https://repo.kcs.kaspersky.com.mirror.example.net/a",
  "docker.io/examplevendor-fan/agent",
  "examplevendorx/agent",
  "docker pull examplevendor-fan/agent:1",
  "ami-0aaaaaaaaaaaaaaab",
  "projects/examplevendor-images2/global/images/x",
  "kasperskytte",
  "arn:aws:sagemaker:us-east-1:123456789012:model-package/x",
  "{{ .Values.image }}",
  "${a:-",
  ".....:::///",
  "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1",
];

const word = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: "grapheme", maxLength: 6 }), fc.constantFrom(...NEAR_MISSES));
/** A line of junk that cannot glue onto the next line (no trailing backslash). */
const junkLine = fc.array(word, { maxLength: 4 }).map((words) => words.join(" ").replace(/\\+$/, ""));
const junkString = fc.oneof(word, junkLine, fc.constant(UNKNOWN), fc.base64String({ maxLength: 24 }));

const STEP_NAMES = [
  "image",
  "Image",
  "spec",
  "template",
  "containers",
  "command",
  "env",
  "value",
  "values",
  "registry",
  "repository",
  "tag",
  "userData",
  "imageId",
  "ami",
  "__proto__",
  "constructor",
];
const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...STEP_NAMES));

/** An object built with defineProperty, so that a "__proto__" key stays an own key as it does on the wire. */
const objectOf = (entries: Array<[string, unknown]>) => {
  const object: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(object, k, { value: v, enumerable: true, writable: true, configurable: true });
  return object;
};

/** A chain of up to 100 objects and lists: past the 64-level walk limit, which must then say what it did not scan. */
const deepJunk = fc
  .tuple(fc.array(fc.oneof(key, fc.constant(0)), { maxLength: 100 }), junkString)
  .map(([steps, leaf]) => steps.reduceRight<unknown>((inner, step) => (typeof step === "number" ? [inner] : objectOf([[step, inner]])), leaf));

export const junkTree: fc.Arbitrary<unknown> = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small" },
    junkString,
    deepJunk,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("tree"), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie("tree")), { maxLength: 4 }).map(objectOf),
  ),
})).tree;

export const junkProps: fc.Arbitrary<Record<string, unknown>> = fc.array(fc.tuple(key, junkTree), { maxLength: 6 }).map(objectOf);

/** A property pattern (`a.b[*].c`) made concrete: `[*]` becomes an index below 3. */
const concreteSteps = (pattern: string) =>
  fc.tuple(
    ...pattern
      .replace(/\[\*\]/g, ".[*]")
      .split(".")
      .filter(Boolean)
      .map((step) => (step === "[*]" ? fc.nat(2) : fc.constant(step))),
  );

const pathOf = (steps: Array<string | number>) =>
  steps.reduce<string>((path, step) => (typeof step === "number" ? `${path}[${step}]` : childPath(path, step)), "");

const plantAt = (pattern: string, value: fc.Arbitrary<unknown>, suffix: Array<string | number> = []) =>
  fc.tuple(concreteSteps(pattern), value).map(([steps, v]): Plant => {
    const all = [...(steps as Array<string | number>), ...suffix];
    return { path: pathOf(all), steps: steps as Array<string | number>, value: v };
  });

const script = (reference: string) =>
  fc.tuple(junkLine, junkLine, fc.constantFrom("plain", "base64", "gzip")).map(([before, after, encoding]) => {
    const text = `#!/bin/sh\n${before}\ndocker pull ${reference}\n${after}\n`;
    return encoding === "plain" ? text : (encoding === "gzip" ? gzipSync(text) : Buffer.from(text)).toString("base64");
  });
const textAround = (reference: string) => fc.tuple(junkLine, junkLine).map(([before, after]) => `${before}\n${reference}\n${after}`);

const LISTING_ARN: Record<ListingKind, string> = {
  "model-package": "arn:aws:sagemaker:us-east-1:111122223333:model-package/endpoint-scanner-v1",
  algorithm: "arn:aws:sagemaker:us-east-1:111122223333:algorithm/endpoint-scanner",
  "serverless-application": "arn:aws:serverlessrepo:us-east-1:111122223333:applications/endpoint-scanner",
};

/** Every modelled position of every modelled type, each with the restricted values it may hold. */
const MODELLED: Array<{ type: string; plant: fc.Arbitrary<Plant> }> = [
  ...AMI_FIELDS.flatMap(({ type, paths }) => paths.map((p) => ({ type, plant: plantAt(p, fc.constant(VENDOR_AMI)) }))),
  ...CONTAINER_SOURCES.flatMap((source) => [
    ...(source.images ?? []).map((p) => ({ type: source.type, plant: plantAt(p, fc.constantFrom(...RESTRICTED_IMAGES)) })),
    ...(source.text ?? []).map((p) => ({ type: source.type, plant: plantAt(p, fc.constantFrom(...RESTRICTED_IN_TEXT).chain(textAround)) })),
    ...(source.userData ?? []).map((p) => ({ type: source.type, plant: plantAt(p, fc.constantFrom(...RESTRICTED_IMAGES).chain(script)) })),
  ]),
  ...HELM_SOURCES.map(({ type }) => ({
    type,
    plant: fc
      .tuple(fc.array(fc.constantFrom("global", "agent", "scanner", "sidecar"), { maxLength: 5 }), fc.constantFrom(...RESTRICTED_IMAGES), fc.boolean())
      .map(([keys, image, composed]): Plant => {
        const steps = ["values", ...keys, "image"];
        if (!composed) return { path: pathOf(steps), steps, value: image };
        const slash = image.indexOf("/");
        return { path: pathOf([...steps, "repository"]), steps, value: { registry: image.slice(0, slash), repository: image.slice(slash + 1) } };
      }),
  })),
  {
    type: "docker-build:index:Image",
    plant: plantAt(
      "dockerfile.inline",
      fc.constantFrom(...RESTRICTED_IMAGES).map((image) => `ARG X=1\nFROM ${image} AS base\nRUN true\n`),
    ),
  },
  ...GCP_IMAGE_FIELDS.flatMap(({ type, paths }) =>
    paths.map((p) => ({
      type,
      plant: plantAt(
        p,
        fc.constantFrom(
          "projects/examplevendor-images/global/images/base-1",
          "https://www.googleapis.com/compute/v1/projects/examplevendor-images/global/images/family/base",
        ),
      ),
    })),
  ),
  ...LISTING_FIELDS.flatMap(({ type, paths, listing }) => paths.map((p) => ({ type, plant: plantAt(p, fc.constant(LISTING_ARN[listing])) }))),
  ...AZURE_FIELDS.flatMap(({ type, shapes }) =>
    Object.entries(shapes).flatMap(([p, shape]) => {
      if (shape === "plan") return [{ type, plant: plantAt(p, fc.constant({ publisher: "examplevendor", product: "endpoint", name: "byol" })) }];
      // Another offer than the plan's: a VM's image of its own plan is reported as the plan only.
      if (shape === "image")
        return [{ type, plant: plantAt(p, fc.constant({ publisher: "examplevendor", offer: "endpoint-image", sku: "byol", version: "latest" })) }];
      if (shape === "platform-image-id")
        return [
          {
            type,
            plant: plantAt(
              p,
              fc.constant(
                "/Subscriptions/0000/Providers/Microsoft.Compute/Locations/westeurope/Publishers/examplevendor/ArtifactTypes/VMImage/Offers/endpoint-image/Skus/byol/Versions/1.0.0",
              ),
            ),
          },
        ];
      return [];
    }),
  ),
];

/** Properties whose value is a JSON document (ECS, Batch): plants under them are serialized into the string. */
const JSON_PROPS = new Map(CONTAINER_SOURCES.filter((s) => s.json).map((s) => [s.type, new Set(s.json)]));

/** A planted value: junk is added around it, never inside it. */
class Leaf {
  constructor(readonly value: unknown) {}
}

/** Sets `value` at `steps`, creating objects and arrays on the way and keeping what is already there. */
function setAt(root: Record<string, unknown>, steps: Array<string | number>, value: unknown): void {
  let node: Record<string | number, unknown> = root;
  steps.forEach((step, i) => {
    if (i === steps.length - 1) {
      node[step] = value;
      return;
    }
    const next = steps[i + 1];
    const existing = node[step];
    const fits = typeof next === "number" ? Array.isArray(existing) : typeof existing === "object" && existing !== null && !Array.isArray(existing);
    if (!fits) node[step] = typeof next === "number" ? [] : {};
    node = node[step] as Record<string | number, unknown>;
  });
}

/** Fills the holes a plant left in arrays with junk, and adds junk keys beside the planted ones. */
function withJunk(value: unknown, junk: readonly unknown[], at = { i: 0 }): unknown {
  const take = () => junk[at.i++ % junk.length];
  if (value instanceof Leaf) return value.value;
  if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => (i in value ? withJunk(value[i], junk, at) : take()));
  if (typeof value !== "object" || value === null) return value;
  const result = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withJunk(v, junk, at)]));
  const extra = take();
  if (typeof extra === "object" && extra !== null && !Array.isArray(extra)) {
    for (const [k, v] of Object.entries(extra))
      if (!(k.toLowerCase() in lowerKeys(result))) Object.defineProperty(result, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

const lowerKeys = (object: Record<string, unknown>) => Object.fromEntries(Object.keys(object).map((k) => [k.toLowerCase(), true]));

/** A modelled resource type with one to three restricted references in modelled positions, among junk. */
export const plantedResource: fc.Arbitrary<PlantedResource> = fc
  .constantFrom(...new Set(MODELLED.map((m) => m.type)))
  .chain((type) => {
    const plants = MODELLED.filter((m) => m.type === type).map((m) => m.plant);
    return fc.tuple(
      fc.constant(type),
      fc.array(fc.oneof(...plants), { minLength: 1, maxLength: 3 }),
      fc.array(junkTree, { minLength: 1, maxLength: 8 }),
      junkProps,
    );
  })
  .map(([type, candidates, junk, extraProps]) => {
    // Two plants at one place: the later wins. A plant on the way to another would be overwritten: only the deeper is kept.
    const at = (p: Plant) => pathOf(p.steps);
    const unique = [...new Map(candidates.map((p) => [at(p), p])).values()];
    const plants = unique.filter((p) => !unique.some((o) => o !== p && (at(o).startsWith(`${at(p)}.`) || at(o).startsWith(`${at(p)}[`))));
    const tree: Record<string, unknown> = {};
    for (const plant of plants) setAt(tree, plant.steps, new Leaf(plant.value));
    const props = withJunk(tree, junk) as Record<string, unknown>;
    for (const name of JSON_PROPS.get(type) ?? []) if (props[name] !== undefined) props[name] = JSON.stringify(props[name]);
    for (const [k, v] of Object.entries(extraProps))
      if (!(k.toLowerCase() in lowerKeys(props))) Object.defineProperty(props, k, { value: v, enumerable: true, writable: true, configurable: true });
    return { type, props, plants };
  });

/** A type no policy models, with a restricted reference in one string at a depth the fallback scan reaches. */
export const unmodelledResource: fc.Arbitrary<PlantedResource> = fc
  .tuple(
    fc.stringMatching(/^[a-z]{1,8}:[a-z]{1,8}\/[a-z]{1,8}:[A-Z][a-z]{0,8}$/),
    fc.array(fc.oneof(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,7}$/), fc.nat(3)), { minLength: 1, maxLength: 30 }),
    fc.constantFrom(...RESTRICTED_IN_TEXT.filter((r) => r.includes("kaspersky"))),
    junkLine,
    junkProps,
  )
  .filter(([type, steps]) => typeof steps[0] === "string" && !MODELLED.some((m) => m.type === type))
  .map(([type, steps, reference, around, junk]) => {
    const tree: Record<string, unknown> = {};
    setAt(tree, steps, new Leaf(`${around} ${reference} ${around}`));
    const props = withJunk(tree, [junk]) as Record<string, unknown>;
    return { type, props, plants: [{ path: pathOf(steps), steps, value: reference }] };
  });

/** Any resource type (modelled or not) with junk properties only. */
export const junkResource = fc.tuple(fc.oneof(fc.constantFrom(...new Set(MODELLED.map((m) => m.type))), fc.string({ maxLength: 20 })), junkProps);
