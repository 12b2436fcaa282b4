import { decide, decideUnknown } from "../../src/decide/decision";
import { IMAGE_COULD_MATCH } from "../../src/extract/container/imageSource";
import { matchVendors } from "../../src/match/vendorMatch";
import { exampleVendor, settingsFrom } from "../support/settings";

const URN = "urn:pulumi:prod::app::aws:ec2/instance:Instance::web";
const at = (iso: string) => new Date(iso);

const matchOf = (facts: Parameters<typeof matchVendors>[1], config: Record<string, unknown> = {}) => {
  const settings = settingsFrom({ additionalVendors: [exampleVendor], ...config });
  const [match] = matchVendors(settings.index, facts);
  return { settings, match };
};

describe("decide", () => {
  it("restricts a vendor-level match as mandatory during deny", () => {
    const { settings, match } = matchOf({ amiIds: ["ami-0aaaaaaaaaaaaaaaa"] });
    expect(decide(match, URN, settings, at("2025-03-01"))).toMatchObject({ outcome: "restricted", level: "mandatory" });
  });

  it("says nothing before any window when the first blocking one is far away", () => {
    const { settings, match } = matchOf({ amiIds: ["ami-0aaaaaaaaaaaaaaaa"] });
    expect(decide(match, URN, settings, at("2024-06-01"))).toBeUndefined();
  });

  it("allows a match only on an exempt-category product", () => {
    const { settings, match } = matchOf({ amiNames: ["example-threatfeed-1"] });
    expect(decide(match, URN, settings, at("2025-03-01"))).toMatchObject({ outcome: "exempt-category", level: "advisory" });
  });

  it("restricts a reference that matches both an exempt product and the vendor itself", () => {
    const { settings, match } = matchOf({ amiNames: ["example-threatfeed-1"], awsAccountIds: ["111122223333"] });
    expect(decide(match, URN, settings, at("2025-03-01"))).toMatchObject({ outcome: "restricted", level: "mandatory" });
  });

  it("prefers a valid exemption over an expired one for the same resource", () => {
    const exemptions = [
      { vendor: "example-vendor", urn: "*::web", reason: "old", expires: "2025-02-01" },
      { vendor: "example-vendor", urn: "*", reason: "renewed", expires: "2026-01-01" },
    ];
    const { settings, match } = matchOf({ amiIds: ["ami-0aaaaaaaaaaaaaaaa"] }, { exemptions });
    expect(decide(match, URN, settings, at("2025-03-01"))?.exemption?.reason).toBe("renewed");
  });

  it("does not apply an exemption for another vendor", () => {
    const exemptions = [{ vendor: "kaspersky", urn: "*", reason: "other vendor", expires: "2026-01-01" }];
    const { settings, match } = matchOf({ amiIds: ["ami-0aaaaaaaaaaaaaaaa"] }, { exemptions });
    expect(decide(match, URN, settings, at("2025-03-01"))).toMatchObject({ outcome: "restricted" });
  });
});

describe("decideUnknown", () => {
  it("is mandatory while a vendor that could match is in deny", () => {
    const settings = settingsFrom({ additionalVendors: [exampleVendor] });
    expect(decideUnknown(["amiIds"], URN, settings, at("2025-03-01"))?.level).toBe("mandatory");
  });

  it("ignores vendors without identifiers in the families the value could match", () => {
    const settings = settingsFrom({ additionalVendors: [exampleVendor] });
    expect(decideUnknown(["gcpImageProjects"], URN, settings, at("2025-03-01"))).toBeUndefined();
  });

  it("is advisory for a grandfathered resource during deny-new", () => {
    const settings = settingsFrom({ additionalVendors: [exampleVendor], grandfathered: [URN] });
    expect(decideUnknown(["amiIds"], URN, settings, at("2025-02-15"))?.level).toBe("advisory");
  });

  it("skips a vendor the resource holds a valid exemption for", () => {
    const settings = settingsFrom({
      additionalVendors: [exampleVendor],
      exemptions: [{ vendor: "example-vendor", urn: URN, reason: "r", expires: "2026-01-01" }],
    });
    expect(decideUnknown(["amiIds"], URN, settings, at("2025-03-01"))).toBeUndefined();
  });
});

describe("an image unknown during preview", () => {
  it("concerns a vendor known only by repository paths under any registry", () => {
    const pathsOnly = { ...exampleVendor, id: "paths-only", identifiers: { repositoryPaths: ["example/scanner"] }, products: [] };
    const settings = settingsFrom({ additionalVendors: [pathsOnly], disabledVendors: ["kaspersky"] });
    expect(decideUnknown(IMAGE_COULD_MATCH, URN, settings, at("2025-03-01"))?.vendors.map((v) => v.vendor.id)).toEqual(["paths-only"]);
  });
});
