import { builtInCatalog } from "../../src/catalog/builtIn";
import { Window } from "../../src/decide/windows";
import { UnknownReference } from "../../src/extract/types";
import { unknownFinding } from "../../src/report/messages";

const unknownAmi: UnknownReference = { kind: "unknown", path: "ami", expected: "AMI id", couldMatch: ["awsAccountIds"] };
const denyWindow: Window = { from: new Date("2024-09-29T04:00:00Z"), action: "deny" };

function vendorsLine(vendorCount: number): string {
  const vendors = builtInCatalog.vendors.slice(0, vendorCount).map((vendor) => ({ vendor, window: denyWindow }));
  const message = unknownFinding(unknownAmi, { level: "mandatory", vendors }).message;
  return message.split("\n").find((text) => text.trim().startsWith("vendors:")) ?? "";
}

describe("the vendors named in a 'Could not check' message", () => {
  it("names every vendor when there are five or fewer", () => {
    const ids = builtInCatalog.vendors.slice(0, 5).map((vendor) => vendor.id);
    expect(ids.every((id) => vendorsLine(5).includes(`${id} (deny since`))).toBe(true);
    expect(vendorsLine(5)).not.toContain("more");
  });

  it("names the first five and counts the rest when there are more", () => {
    expect(builtInCatalog.vendors.length).toBeGreaterThan(6);
    const line = vendorsLine(builtInCatalog.vendors.length);
    expect(line).toContain(builtInCatalog.vendors[4].id);
    expect(line).not.toContain(`${builtInCatalog.vendors[5].id} (`);
    expect(line).toMatch(new RegExp(`and ${builtInCatalog.vendors.length - 5} more$`));
  });
});
