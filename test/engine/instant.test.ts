import { formatInstant, parseInstant } from "../../src/util/instant";

describe("parseInstant", () => {
  it("reads a date as 00:00 UTC", () => {
    expect(parseInstant("2024-07-20")?.toISOString()).toBe("2024-07-20T00:00:00.000Z");
  });

  it("reads a date-time with offset as that instant", () => {
    expect(parseInstant("2024-09-29T00:00:00-04:00")?.toISOString()).toBe("2024-09-29T04:00:00.000Z");
  });

  it("rejects a date-time without an offset, whose instant would depend on the machine's zone", () => {
    expect(parseInstant("2024-09-29T00:00:00")).toBeUndefined();
  });

  it("rejects an impossible calendar date instead of rolling it over", () => {
    expect(parseInstant("2024-02-30")).toBeUndefined();
  });

  it("rejects free text", () => {
    expect(parseInstant("next tuesday")).toBeUndefined();
  });
});

describe("formatInstant", () => {
  it("prints midnight UTC as a plain date", () => {
    expect(formatInstant(new Date("2024-07-20T00:00:00Z"))).toBe("2024-07-20");
  });

  it("prints other instants in full UTC", () => {
    expect(formatInstant(new Date("2024-09-29T04:00:00Z"))).toBe("2024-09-29T04:00:00Z");
  });
});
