import { activeWindow, nextChange, windowsOf } from "../../src/decide/windows";
import { builtInCatalog } from "../../src/catalog/builtIn";

const kaspersky = windowsOf(builtInCatalog.vendors.find((v) => v.id === "kaspersky")!);
const at = (iso: string) => new Date(iso);

describe("Kaspersky windows at each edge", () => {
  it.each([
    ["2024-06-23T23:59:59Z", undefined],
    ["2024-06-24T00:00:00Z", "warn"],
    ["2024-07-19T23:59:59Z", "warn"],
    ["2024-07-20T00:00:00Z", "deny-new"],
    ["2024-09-29T03:59:59Z", "deny-new"],
    ["2024-09-29T04:00:00Z", "deny"],
    ["2026-11-27T00:00:00Z", "deny"],
  ])("at %s the active action is %s", (instant, action) => {
    expect(activeWindow(kaspersky, at(instant))?.action).toBe(action);
  });

  it("treats 00:00 EDT on 2024-09-29 as 04:00 UTC, not midnight UTC", () => {
    expect(activeWindow(kaspersky, at("2024-09-29T00:00:00Z"))?.action).toBe("deny-new");
  });

  it("names deny at 04:00 UTC as the next change during deny-new", () => {
    expect(nextChange(kaspersky, at("2024-08-01"))).toEqual({ at: at("2024-09-29T04:00:00Z"), action: "deny" });
  });

  it("has no next change once deny is active", () => {
    expect(nextChange(kaspersky, at("2025-01-01"))).toBeUndefined();
  });
});

describe("windows with an end", () => {
  const windows = windowsOf({
    id: "t",
    name: "t",
    legalBasis: [],
    exemptCategories: [],
    identifiers: {},
    windows: [{ from: "2025-01-01", action: "deny", until: "2025-06-01" }],
  });

  it("is active before its end", () => {
    expect(activeWindow(windows, at("2025-05-31T23:59:59Z"))?.action).toBe("deny");
  });

  it("is over at its end", () => {
    expect(activeWindow(windows, at("2025-06-01"))).toBeUndefined();
  });

  it("names its end as the next change", () => {
    expect(nextChange(windows, at("2025-03-01"))).toEqual({ at: at("2025-06-01"), action: "none" });
  });
});
