import type { AnalyzedResource } from "../../src/harness/types";
import { urnFor } from "../../src/harness/wireValues";

/** An EC2 instance as the harness sends it, with its properties and any other part of the resource. */
export const instance = (name: string, properties: Record<string, unknown>, extra: Partial<AnalyzedResource> = {}): AnalyzedResource => ({
  type: "aws:ec2/instance:Instance",
  name,
  urn: urnFor("aws:ec2/instance:Instance", name),
  properties,
  ...extra,
});
