// Preloaded into a pack process (NODE_OPTIONS=--require) to watch or change @pulumi/policy from outside the pack:
// SDK_PROBE_CONVERSIONS names a file that gets one line per properties conversion the SDK makes;
// SDK_PROBE_PROXIED_CONVERSIONS=1 makes every conversion return a proxy, as a changed SDK might.
const fs = require("fs");
const deserialize = require(require.resolve("@pulumi/policy/deserialize", { paths: [process.cwd()] }));

const original = deserialize.deserializeProperties;
deserialize.deserializeProperties = (struct, proxySecrets) => {
  if (process.env.SDK_PROBE_CONVERSIONS) fs.appendFileSync(process.env.SDK_PROBE_CONVERSIONS, `${proxySecrets}\n`);
  const properties = original(struct, proxySecrets);
  return process.env.SDK_PROBE_PROXIED_CONVERSIONS === "1" ? new Proxy(properties, {}) : properties;
};
