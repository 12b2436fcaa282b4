import { parseFindingFields } from "../../src/cli/findingFields";

const blocked = [
  "Blocked: AMI of restricted vendor acme-images.",
  "  property:  launchTemplate.imageId",
  "  reference: AMI ami-0123 (amiInventory: owner 111122223333)",
  "  vendor:    acme-images: Acme Images: Ltd",
  "  rule:      Some Act, 1 FR 2 <https://example.gov/1>",
  "  rule:      Other Act, 3 FR 4 <https://example.gov/2>",
  "  window:    deny since 2024-09-29; next: no later change",
  "  action:    Replace the AMI",
].join("\n");

describe("fields of a restricted-vendor message", () => {
  it("takes the outcome from the headline", () => {
    expect(parseFindingFields(blocked).outcome).toBe("blocked");
  });

  it("splits the vendor line at the first colon only", () => {
    expect(parseFindingFields(blocked)).toMatchObject({ vendorId: "acme-images", vendorName: "Acme Images: Ltd" });
  });

  it("keeps every rule line", () => {
    expect(parseFindingFields(blocked).rules).toHaveLength(2);
  });

  it("reads the property path, reference and window", () => {
    expect(parseFindingFields(blocked)).toMatchObject({
      propertyPath: "launchTemplate.imageId",
      reference: "AMI ami-0123 (amiInventory: owner 111122223333)",
      window: "deny since 2024-09-29; next: no later change",
    });
  });

  it("tells a grandfathered decision from an exemption and an exempt category", () => {
    expect(parseFindingFields("Allowed for now: AMI of x, grandfathered until 2024-09-29.").outcome).toBe("grandfathered");
    expect(parseFindingFields("Allowed by exemption until 2025-01-01: AMI of x.").outcome).toBe("exempted");
    expect(parseFindingFields("Allowed: AMI of x, in a category its restriction exempts.").outcome).toBe("exempt-category");
  });

  it("classifies a message of another pack as other, with no vendor", () => {
    expect(parseFindingFields("Reports resources whose input 'flag' is true.\nflag set on t")).toMatchObject({ outcome: "other", rules: [] });
  });
});
