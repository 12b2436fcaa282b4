import { createRequire } from "module";
import * as path from "path";
import type * as analyzerPbTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzerGrpcTypes from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as structPbTypes from "google-protobuf/google/protobuf/struct_pb";

/**
 * The generated protobuf classes check `instanceof` against their own module instances, so the
 * messages and the service description must all come from the same @pulumi/pulumi install:
 * the one the pack itself runs with.
 */
export interface PulumiProtocol {
  pulumiDir: string;
  runPolicyPackScript: string;
  analyzerPb: typeof analyzerPbTypes;
  analyzerGrpc: typeof analyzerGrpcTypes;
  structPb: typeof structPbTypes;
}

const cache = new Map<string, PulumiProtocol>();

/** Resolves @pulumi/pulumi from packDir (walking up node_modules as Node does), else from this repository. */
function resolvePulumiDir(packDir: string): string {
  let pkgJson: string;
  try {
    pkgJson = require.resolve("@pulumi/pulumi/package.json", { paths: [packDir] });
  } catch {
    pkgJson = require.resolve("@pulumi/pulumi/package.json");
  }
  return path.dirname(pkgJson);
}

export function loadPulumiProtocol(packDir: string): PulumiProtocol {
  const pulumiDir = resolvePulumiDir(packDir);
  const cached = cache.get(pulumiDir);
  if (cached) {
    return cached;
  }
  const req = createRequire(path.join(pulumiDir, "package.json"));
  const protocol: PulumiProtocol = {
    pulumiDir,
    runPolicyPackScript: path.join(pulumiDir, "cmd", "run-policy-pack"),
    analyzerPb: req("./proto/analyzer_pb"),
    analyzerGrpc: req("./proto/analyzer_grpc_pb"),
    structPb: req("google-protobuf/google/protobuf/struct_pb"),
  };
  cache.set(pulumiDir, protocol);
  return protocol;
}
