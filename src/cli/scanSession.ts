import { compileSettings } from "../config/settings";
import { POLICY_NAMES } from "../config/policyNames";
import { PackFault, type PackProcess } from "../harness/packProcess";
import { PolicyPackConfigError, reconcilePolicyPackConfig, type PolicyPackConfig } from "../harness/policyPackConfig";
import type { AnalyzerInfo } from "../harness/types";
import type { Catalog, Vendor } from "../catalog/types";
import { InputError } from "../util/inputFiles";
import { vendorsFor } from "./vendorWindows";

/** "<what happened>; its stderr ended with:" and the lines, indented under the error line. */
export function withStderrTail(what: string, fault: PackFault): string {
  return fault.stderrTail.length > 0 ? `${what}; its stderr ended with:\n${fault.stderrTail.map((l) => `    ${l}`).join("\n")}` : what;
}

/** The policy pack process failed on this input twice, the second time in a fresh process. */
export class PackFaultError extends InputError {
  constructor(
    source: string,
    readonly fault: PackFault,
  ) {
    const where = fault.resource ? ` while analyzing ${fault.resource}` : fault.during === "start" ? " on start" : ` during ${fault.during}`;
    super(source, withStderrTail(`the policy pack process ${fault.reason}${where}, again after a restart`, fault));
  }
}

/** A Ctrl-C or SIGTERM stopped the run: the input in progress is neither a result nor an error. */
export class Interrupted extends Error {
  constructor() {
    super("interrupted");
    this.name = "Interrupted";
  }
}

/**
 * A started pack plus the config the user gave. Config changes (another program's config, the
 * URNs a scan grandfathers) go through Configure like the CLI's, so the pack's decisions stay the
 * pack's own: the command only changes what the pack is told.
 */
export class ScanSession {
  /** The config object the pack was last told: configs are never changed in place (see withGrandfathered), so identity is enough. */
  private configured?: PolicyPackConfig;
  /** Aborted on Ctrl-C or SIGTERM; work that starts processes of its own (programs) listens to it. */
  readonly interruption = new AbortController();

  /** `catalog`: the one the pack's policies were built with, so that its vendors are the ones the reports name. */
  constructor(
    readonly pack: PackProcess,
    readonly info: AnalyzerInfo,
    readonly asOf: string | undefined,
    readonly catalog: Catalog,
  ) {}

  get interrupted(): boolean {
    return this.interruption.signal.aborted;
  }

  /** Stops the run: the pack is killed, so the work in progress ends now and nothing new starts. */
  async interrupt(): Promise<void> {
    this.interruption.abort();
    await this.pack.restart();
  }

  /**
   * Runs one input's work (`source` names the input). A pack process that dies or hangs is replaced and
   * the work retried once, one resource at a time, so that a second fault names the resource the pack
   * was on; the second fault becomes the input's error and the next input gets a fresh process.
   */
  async checkInput<T>(source: string, work: (oneAtATime: boolean) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (this.interrupted) {
        throw new Interrupted();
      }
      try {
        return await work(attempt > 1);
      } catch (e) {
        if (this.interrupted) {
          throw new Interrupted();
        }
        if (!(e instanceof PackFault)) {
          throw e;
        }
        await this.pack.restart();
        if (attempt > 1) {
          throw new PackFaultError(source, e);
        }
      }
    }
  }

  /** The file's config with --as-of set in every policy's properties. */
  effectiveConfig(fileConfig: PolicyPackConfig): PolicyPackConfig {
    if (this.asOf === undefined) {
      return fileConfig;
    }
    const result: PolicyPackConfig = { ...fileConfig };
    for (const policy of this.info.policies) {
      const entry = result[policy.name] ?? { enforcementLevel: "" };
      result[policy.name] = { ...entry, properties: { ...(entry.properties ?? {}), asOf: this.asOf } };
    }
    return result;
  }

  /**
   * Validates as the Pulumi CLI does, then with the pack's own strict checks (the code the pack runs),
   * so a bad config is one error before anything is scanned rather than a diagnostic per resource.
   */
  check(config: PolicyPackConfig, label: string): void {
    let reconciled;
    try {
      reconciled = reconcilePolicyPackConfig(this.info, config).config;
    } catch (e) {
      const problems = e instanceof PolicyPackConfigError ? e.problems : [(e as Error).message];
      throw new InputError(label, problems.join("; "));
    }
    for (const policy of this.info.policies) {
      if (!(POLICY_NAMES as readonly string[]).includes(policy.name)) {
        continue;
      }
      const compiled = compileSettings(reconciled[policy.name]?.properties ?? {}, this.catalog);
      if (!compiled.ok) {
        throw new InputError(label, `${policy.name}: ${compiled.problems.join("; ")}`);
      }
    }
  }

  private readonly vendorMemo = new WeakMap<PolicyPackConfig, Map<string, Map<string, Vendor>>>();

  /** The vendors a policy sees under this config (the catalog plus its additionalVendors). */
  vendorsOf(config: PolicyPackConfig, policy: string): Map<string, Vendor> {
    let perPolicy = this.vendorMemo.get(config);
    if (!perPolicy) {
      perPolicy = new Map();
      this.vendorMemo.set(config, perPolicy);
    }
    let vendors = perPolicy.get(policy);
    if (!vendors) {
      vendors = vendorsFor(this.catalog, reconcilePolicyPackConfig(this.info, config).config[policy]?.properties);
      perPolicy.set(policy, vendors);
    }
    return vendors;
  }

  async configure(config: PolicyPackConfig): Promise<void> {
    if (config === this.configured) {
      return;
    }
    const raw: Record<string, unknown> = {};
    for (const [name, entry] of Object.entries(config)) {
      raw[name] = { ...(entry.enforcementLevel ? { enforcementLevel: entry.enforcementLevel } : {}), ...(entry.properties ?? {}) };
    }
    await this.pack.configure(raw);
    this.configured = config;
  }

  /**
   * The config with the program's directory as `programDirectory` of every policy that takes it (unless the
   * config sets one), so relative Docker build paths resolve as they do for the program: the CLI knows the
   * directory, which `pulumi preview` never tells a pack.
   */
  withProgramDirectory(config: PolicyPackConfig, programDir: string): PolicyPackConfig {
    const result: PolicyPackConfig = { ...config };
    for (const policy of this.info.policies.filter((p) => p.configSchema?.properties.programDirectory !== undefined)) {
      const entry = result[policy.name] ?? { enforcementLevel: "" };
      if (entry.properties?.programDirectory === undefined) {
        result[policy.name] = { ...entry, properties: { ...(entry.properties ?? {}), programDirectory: programDir } };
      }
    }
    return result;
  }

  /** Policies whose config takes `grandfathered` (URN globs). */
  grandfatheringPolicies(): string[] {
    return this.info.policies.filter((p) => p.configSchema?.properties.grandfathered !== undefined).map((p) => p.name);
  }

  /** The config plus these URNs in `grandfathered` of the given policies (globs: "*" escaped by nothing, as URNs have none). */
  withGrandfathered(config: PolicyPackConfig, urnsByPolicy: Map<string, Set<string>>): PolicyPackConfig {
    const result: PolicyPackConfig = { ...config };
    for (const [policy, urns] of urnsByPolicy) {
      const entry = result[policy] ?? { enforcementLevel: "" };
      const existing = Array.isArray(entry.properties?.grandfathered) ? (entry.properties!.grandfathered as string[]) : [];
      result[policy] = {
        ...entry,
        properties: { ...(entry.properties ?? {}), grandfathered: [...existing, ...[...urns].filter((u) => !existing.includes(u))] },
      };
    }
    return result;
  }
}
