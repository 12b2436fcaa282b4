import { builtInCatalog } from "../../src/catalog/builtIn";
import { exampleVendor } from "../support/settings";
import { ofPolicy, resource, usePack } from "../support/pack";

const POLICY = "restricted-vendor-ami";
const pack = usePack({ dryRun: false });
const kasperskyWindows = builtInCatalog.vendors.find((v) => v.id === "kaspersky")!.windows;
// The built-in Kaspersky entry has no public AMI identifiers, so its exact windows are attached to a test vendor.
const vendorOnKasperskyDates = { ...exampleVendor, windows: kasperskyWindows };
const newInstance = resource("aws:ec2/instance:Instance", "new-web", { ami: "ami-0aaaaaaaaaaaaaaaa" });
const oldInstance = resource("aws:ec2/instance:Instance", "old-web", { ami: "ami-0aaaaaaaaaaaaaaaa" });

const levelsAt = async (asOf: string, target = newInstance) => {
  await pack().configure({ [POLICY]: { asOf, additionalVendors: [vendorOnKasperskyDates], grandfathered: ["*::old-web"] } });
  return ofPolicy(await pack().analyze(target), POLICY).map((d) => `${d.enforcementLevel}: ${d.message.split("\n")[0]}`);
};

describe("Kaspersky window edges, through the analyzer protocol", () => {
  // warnBeforeDays (30) before deny-new on 2024-07-20 is 2024-06-20, four days before the warn window opens.
  it.each([
    ["2024-06-19T23:59:59Z", []],
    ["2024-06-20T00:00:00Z", ["advisory: Upcoming: AMI of restricted vendor example-vendor; it will be blocked from 2024-07-20."]],
    ["2024-06-23T23:59:59Z", ["advisory: Upcoming: AMI of restricted vendor example-vendor; it will be blocked from 2024-07-20."]],
    ["2024-06-24T00:00:00Z", ["advisory: Warning: AMI of restricted vendor example-vendor; not blocked yet."]],
    ["2024-07-19T23:59:59Z", ["advisory: Warning: AMI of restricted vendor example-vendor; not blocked yet."]],
    ["2024-07-20T00:00:00Z", ["mandatory: Blocked: AMI of restricted vendor example-vendor."]],
    ["2024-09-28T23:59:59-04:00", ["mandatory: Blocked: AMI of restricted vendor example-vendor."]],
    ["2024-09-29T00:00:00-04:00", ["mandatory: Blocked: AMI of restricted vendor example-vendor."]],
  ])("a new resource at %s gets %j", async (asOf, expected) => {
    expect(await levelsAt(asOf)).toEqual(expected);
  });

  it.each([
    ["2024-07-19T23:59:59Z", "advisory: Warning: AMI of restricted vendor example-vendor; not blocked yet."],
    ["2024-07-20T00:00:00Z", "advisory: Allowed for now: AMI of restricted vendor example-vendor, grandfathered until 2024-09-29T04:00:00Z."],
    ["2024-09-29T03:59:59Z", "advisory: Allowed for now: AMI of restricted vendor example-vendor, grandfathered until 2024-09-29T04:00:00Z."],
    ["2024-09-29T04:00:00Z", "mandatory: Blocked: AMI of restricted vendor example-vendor."],
  ])("a grandfathered resource at %s gets %s", async (asOf, expected) => {
    expect(await levelsAt(asOf, oldInstance)).toEqual([expected]);
  });

  it("still treats midnight UTC on 2024-09-29 (20:00 EDT the day before) as deny-new for a grandfathered resource", async () => {
    expect(await levelsAt("2024-09-29", oldInstance)).toEqual([expect.stringMatching(/^advisory: Allowed for now/)]);
  });
});
