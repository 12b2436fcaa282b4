// Preloaded into a pack process (NODE_OPTIONS=--require) to watch or change @pulumi/policy from outside the pack:
// SDK_PROBE_CONVERSIONS names a file that gets one line per properties conversion the SDK makes;
// SDK_PROBE_PROXIED_CONVERSIONS=1 makes every conversion return a proxy, as a changed SDK might;
// SDK_PROBE_SDK_DECODING=1 keeps the SDK's own request deserializers, ignoring the pack's replacements;
// SDK_PROBE_CHANGED_ANALYZE_DESERIALIZER=1 makes the SDK's Analyze deserializer drop the provider, as a changed SDK might.
const fs = require("fs");
const path = require("path");
const fromSdk = (module) => require(require.resolve(module, { paths: [path.dirname(require.resolve("@pulumi/policy", { paths: [process.cwd()] }))] }));
const deserialize = fromSdk("@pulumi/policy/deserialize");
const { AnalyzerService } = fromSdk("@pulumi/pulumi/proto/analyzer_grpc_pb");

const original = deserialize.deserializeProperties;
deserialize.deserializeProperties = (struct, proxySecrets) => {
  if (process.env.SDK_PROBE_CONVERSIONS) fs.appendFileSync(process.env.SDK_PROBE_CONVERSIONS, `${proxySecrets}\n`);
  const properties = original(struct, proxySecrets);
  return process.env.SDK_PROBE_PROXIED_CONVERSIONS === "1" ? new Proxy(properties, {}) : properties;
};

if (process.env.SDK_PROBE_SDK_DECODING === "1") {
  for (const method of ["configure", "analyze", "analyzeStack"]) {
    const sdkDeserialize = AnalyzerService[method].requestDeserialize;
    Object.defineProperty(AnalyzerService[method], "requestDeserialize", {
      get: () => sdkDeserialize,
      set: () => {
        process.stderr.write(`sdk-probe: kept the SDK's ${method} deserializer\n`);
      },
    });
  }
}

if (process.env.SDK_PROBE_CHANGED_ANALYZE_DESERIALIZER === "1") {
  const sdkDeserialize = AnalyzerService.analyze.requestDeserialize;
  AnalyzerService.analyze.requestDeserialize = (bytes) => {
    const request = sdkDeserialize(bytes);
    request.clearProvider();
    return request;
  };
}
