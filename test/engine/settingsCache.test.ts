import { builtInCatalog } from "../../src/catalog/builtIn";
import * as settings from "../../src/config/settings";
import { SettingsCache } from "../../src/config/settingsCache";
import { manyVendors } from "../support/manyVendors";

/** A config as the SDK's getConfig hands it to each policy: a fresh top-level copy of what Configure received. */
const copyFor = (received: Record<string, unknown>) => ({ ...received });
const policyCaches = () => [new SettingsCache(builtInCatalog), new SettingsCache(builtInCatalog), new SettingsCache(builtInCatalog)];

describe("a config is compiled once for every policy that receives it", () => {
  let compile: jest.SpyInstance;
  beforeEach(() => {
    compile = jest.spyOn(settings, "compileSettings");
  });
  afterEach(() => compile.mockRestore());

  it("compiles the tree that Configure decoded once for all policies, and each gets the same result", () => {
    const received = { asOf: "2025-03-01", additionalVendors: manyVendors(20) };
    const results = policyCaches().map((cache) => cache.get(copyFor(received)));
    expect(compile).toHaveBeenCalledTimes(1);
    expect(results[2]).toBe(results[0]);
  });

  it("finds another policy's copy of that tree by its values, without serializing the config again", () => {
    const received = { asOf: "2025-03-04", additionalVendors: manyVendors(20) };
    const [first, ...others] = policyCaches();
    first.get(copyFor(received));
    const serialize = jest.spyOn(JSON, "stringify");
    try {
      for (const cache of others) cache.get(copyFor(received));
      expect(serialize).not.toHaveBeenCalled();
    } finally {
      serialize.mockRestore();
    }
  });

  it("finds a config with the same content in new objects, as a later Configure call sends it", () => {
    const [first, second] = policyCaches();
    const result = first.get({ asOf: "2025-03-02", additionalVendors: manyVendors(3) });
    expect(second.get({ asOf: "2025-03-02", additionalVendors: manyVendors(3) })).toBe(result);
    expect(compile).toHaveBeenCalledTimes(1);
  });

  it("compiles a policy's different config on its own", () => {
    const [first, second] = policyCaches();
    first.get({ asOf: "2025-03-03", additionalVendors: manyVendors(3) });
    const other = second.get({ asOf: "2025-03-03", additionalVendors: manyVendors(2) });
    expect(compile).toHaveBeenCalledTimes(2);
    expect(other.ok && other.settings.vendors.map((v) => v.id)).toContain("private-vendor-0001");
    expect(other.ok && other.settings.vendors.map((v) => v.id)).not.toContain("private-vendor-0002");
  });

  it("serializes a config that a later Configure sends again in new objects once, not on every later call", () => {
    const [policy] = policyCaches();
    policy.get({ asOf: "2025-03-05", additionalVendors: manyVendors(3) });
    const resent = { asOf: "2025-03-05", additionalVendors: manyVendors(3) };
    policy.get(copyFor(resent));
    const serialize = jest.spyOn(JSON, "stringify");
    try {
      for (let call = 0; call < 5; call++) policy.get(copyFor(resent));
      expect(serialize).not.toHaveBeenCalled();
    } finally {
      serialize.mockRestore();
    }
  });
});
