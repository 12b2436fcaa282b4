import { Vendor } from "../../catalog/types";
import { Window } from "../../decide/windows";
import { Finding } from "../../report/finding";
import { formatInstant } from "../../util/instant";
import { ResolvedReference } from "../types";

// The labelled-line layout of src/report/messages.ts.
const line = (label: string, text: string) => `  ${`${label}:`.padEnd(10)} ${text}`;

/** A failed online lookup after a window began: the AMI is unverified, reported as an unknown value is. */
export function lookupFailureFinding(
  resolved: ResolvedReference,
  concerned: { level: Finding["level"]; vendors: Array<{ vendor: Vendor; window: Window }> },
): Finding {
  const id = resolved.reference.value;
  const vendors = concerned.vendors.map(({ vendor, window }) => `${vendor.id} (${window.action} since ${formatInstant(window.from)})`).join(", ");
  return {
    level: concerned.level,
    outcome: "unknown",
    message: [
      `Could not check: AMI ${id} could not be looked up, so it may belong to a restricted vendor.`,
      line("property", resolved.reference.path),
      line("reference", `AMI ${id}`),
      line("lookup", resolved.lookupFailure ?? "failed"),
      line("vendors", vendors),
      line("action", `Let the credentials running the preview call ec2:DescribeImages in the resource's region, or add the image to amiInventory (the JSON of \`aws ec2 describe-images --image-ids ${id}\`)`),
    ].join("\n"),
  };
}
