/** Whether the engine runs the pack for a preview (`pulumi preview`, or the preview that `pulumi up` starts with) or an update. */
export type RunPhase = "preview" | "update";

/**
 * The Pulumi CLI tells the policy pack process in its environment (pulumi/pulumi at 1b5949891b3c):
 * - `constructEnv` in sdk/go/common/resource/plugin/analyzer_plugin.go sets PULUMI_DRY_RUN and, for Node.js packs,
 *   PULUMI_NODEJS_DRY_RUN to `strconv.FormatBool(opts.DryRun)` when it starts the pack through the
 *   pulumi-analyzer-policy shim;
 * - the Node.js language host's RunPlugin (sdk/nodejs/cmd/pulumi-language-nodejs/main.go) starts the pack after
 *   reading the engine's ConfigureStack request and sets PULUMI_NODEJS_DRY_RUN from its `dry_run`.
 * `pulumi up` starts a fresh pack for its update, with "false". A pack started without either variable was not
 * started by the CLI; it is treated as an update, so that an unknown value fails closed.
 */
export function runPhase(env: NodeJS.ProcessEnv = process.env): RunPhase {
  return (env.PULUMI_DRY_RUN ?? env.PULUMI_NODEJS_DRY_RUN) === "true" ? "preview" : "update";
}
