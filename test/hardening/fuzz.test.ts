import fc from "fast-check";
import { amiScope } from "../../policies/ami";
import { containerImageScope } from "../../policies/containerImage";
import { marketplaceListingScope } from "../../policies/marketplaceListing";
import { builtInCatalog } from "../../src/catalog/builtIn";
import { Settings, compileSettings } from "../../src/config/settings";
import { evaluateResource } from "../../src/evaluate/evaluateResource";
import { urnFor } from "../../src/harness/wireValues";
import { resolverFor } from "../../src/resolve/resolverFor";
import { PlantedResource, junkResource, plantedResource, unmodelledResource } from "./fuzzArbitraries";
import { DENY_DATE, testVendor } from "./support";

/**
 * The engine fuzzed in-process, the way the pack runs it for each resource (extract, resolve, match, decide,
 * word) with the three policies' scopes. `npm test` runs a moderate count with a fixed seed; a campaign sets
 * FUZZ_RUNS (and FUZZ_SEED) through `npm run fuzz`.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20240929);
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const TIMEOUT_MS = Math.max(60_000, RUNS * 100);

const compiled = compileSettings({ asOf: DENY_DATE, additionalVendors: [testVendor] }, builtInCatalog);
if (!compiled.ok) throw new Error(compiled.problems.join("; "));
const settings: Settings = compiled.settings;
const SCOPES = [amiScope, containerImageScope, marketplaceListingScope];

interface Seen {
  policy: string;
  level: string;
  headline: string;
  property: string;
  message: string;
}

async function evaluate(type: string, props: Record<string, unknown>): Promise<Seen[]> {
  const resource = { type, urn: urnFor(type, "fuzzed"), name: "fuzzed", props };
  const seen: Seen[] = [];
  for (const scope of SCOPES) {
    for (const finding of await evaluateResource(resource, scope, settings, resolverFor(settings), "update")) {
      const [headline] = finding.message.split("\n");
      seen.push({
        policy: scope.policyName,
        level: finding.level,
        headline,
        property: /property:\s+(.*)/.exec(finding.message)?.[1] ?? "",
        message: finding.message,
      });
    }
  }
  return seen;
}

const isBlocked = (s: Seen) => s.level === "mandatory" && s.headline.startsWith("Blocked:");

/** Never throws, gives the same answer twice, leaves the properties as they were, and blocks only what was planted. */
async function checkPlanted({ type, props, plants }: PlantedResource): Promise<void> {
  const before = JSON.stringify(props);
  const first = await evaluate(type, props);
  expect(await evaluate(type, props)).toEqual(first);
  expect(JSON.stringify(props)).toBe(before);
  const blockedAt = new Set(first.filter(isBlocked).map((s) => s.property));
  for (const plant of plants) expect({ plant: plant.path, blockedAt: blockedAt.has(plant.path) }).toEqual({ plant: plant.path, blockedAt: true });
  expect([...blockedAt].filter((path) => !plants.some((p) => p.path === path))).toEqual([]);
}

describe(`engine fuzzing (fast-check, seed ${SEED}, ${RUNS} runs per property)`, () => {
  it(
    "finds every restricted reference planted in a modelled position of a modelled type, among junk",
    () => fc.assert(fc.asyncProperty(plantedResource, checkPlanted), { seed: SEED, numRuns: RUNS }),
    TIMEOUT_MS,
  );

  it(
    "finds a restricted reference planted in any string of a type no policy models",
    () => fc.assert(fc.asyncProperty(unmodelledResource, checkPlanted), { seed: SEED, numRuns: RUNS }),
    TIMEOUT_MS,
  );

  it(
    "never throws, never blocks junk, and answers the same twice, for any type and any property tree",
    () =>
      fc.assert(
        fc.asyncProperty(junkResource, ([type, props]) => checkPlanted({ type, props, plants: [] })),
        { seed: SEED, numRuns: RUNS * 2 },
      ),
    TIMEOUT_MS,
  );
});
