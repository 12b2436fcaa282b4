import { countedOncePerStack, Progress } from "../../src/cli/progress";

const COUNTS = { stacksDone: 3, stacksListed: 10, listingDone: true, resources: 250, findings: 4 };

describe("the progress line on stderr", () => {
  let now: number;
  let written: string[];

  beforeEach(() => {
    now = 1_000_000;
    jest.spyOn(Date, "now").mockImplementation(() => now);
    written = [];
    jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });

  afterEach(() => jest.restoreAllMocks());

  it("shows stacks done of the total, resources analyzed and findings once the scan has run a second", () => {
    const progress = new Progress(true);
    now += 1000;
    progress.update(COUNTS);
    expect(written).toEqual([expect.stringMatching(/^\rstacks 3\/10, 250 resources analyzed, 4 findings +$/)]);
  });

  it("shows nothing during the scan's first second", () => {
    const progress = new Progress(true);
    now += 999;
    progress.update(COUNTS);
    expect(written).toEqual([]);
  });

  it("marks the total with a plus while the listing of stacks is still running", () => {
    const progress = new Progress(true);
    now += 1000;
    progress.update({ ...COUNTS, listingDone: false });
    expect(written[0]).toContain("stacks 3/10+,");
  });

  it("is redrawn at most five times a second", () => {
    const progress = new Progress(true);
    now += 1000;
    progress.update(COUNTS);
    now += 199;
    progress.update({ ...COUNTS, resources: 251 });
    now += 1;
    progress.update({ ...COUNTS, resources: 252 });
    expect(written.map((line) => line.match(/(\d+) resources/)?.[1])).toEqual(["250", "252"]);
  });

  it("clears its line when the scan ends, and writes nothing if it never showed", () => {
    const shown = new Progress(true);
    now += 1000;
    shown.update(COUNTS);
    shown.done();
    new Progress(true).done();
    expect(written).toHaveLength(2);
    expect(written[1].trim()).toBe("");
  });

  it("writes nothing when it is off", () => {
    const progress = new Progress(false);
    now += 5000;
    progress.update(COUNTS);
    progress.done();
    expect(written).toEqual([]);
  });
});

describe("whether the progress line is on", () => {
  const original = { isTTY: process.stderr.isTTY, ci: process.env.CI };

  afterEach(() => {
    Object.defineProperty(process.stderr, "isTTY", { value: original.isTTY, configurable: true });
    if (original.ci === undefined) delete process.env.CI;
    else process.env.CI = original.ci;
  });

  function onWhen(isTTY: boolean, ci: string | undefined): boolean {
    Object.defineProperty(process.stderr, "isTTY", { value: isTTY, configurable: true });
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    return Progress.forStderr().enabled;
  }

  it("is on when stderr is a terminal outside CI", () => {
    expect(onWhen(true, undefined)).toBe(true);
  });

  it("is off in CI, even on a terminal", () => {
    expect(onWhen(true, "true")).toBe(false);
  });

  it("is off when stderr is not a terminal", () => {
    expect(onWhen(false, undefined)).toBe(false);
  });
});

describe("resources counted for one stack", () => {
  it("counts each resource once as the stack's Analyze requests are answered", () => {
    let counted = 0;
    const analyzed = countedOncePerStack(() => counted++);
    [1, 2, 3].forEach(analyzed);
    expect(counted).toBe(3);
  });

  it("does not count again the resources a retry after a pack fault analyzes a second time", () => {
    let counted = 0;
    const analyzed = countedOncePerStack(() => counted++);
    [1, 2, 3].forEach(analyzed);
    [1, 2, 3, 4, 5].forEach(analyzed);
    expect(counted).toBe(5);
  });
});
