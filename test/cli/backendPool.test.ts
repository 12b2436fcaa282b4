import type { ScanSession } from "../../src/cli/scanSession";
import { SessionPool } from "../../src/cli/sessionPool";

/** Stand-ins for started sessions: the pool only hands them to the work function. */
const session = (id: number) => ({ id }) as unknown as ScanSession;
const idOf = (s: ScanSession) => (s as unknown as { id: number }).id;
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function* items(count: number, taken: number[]) {
  for (let i = 0; i < count; i++) {
    taken.push(i);
    yield i;
  }
}

describe("the session pool that scans stacks in parallel", () => {
  it("delivers results in the items' order when later items finish first", async () => {
    let started = 1;
    const pool = new SessionPool(session(0), 3, async () => session(started++));
    const delivered: number[] = [];
    await pool.runInOrder(
      items(9, []),
      async (_, i) => (await delay((9 - i) * 5), i),
      (i) => delivered.push(i),
    );
    expect(delivered).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("gives each session one item at a time and takes items only as sessions free up", async () => {
    const pool = new SessionPool(session(0), 2, async () => session(1));
    const busy = new Set<number>();
    const taken: number[] = [];
    let most = 0;
    await pool.runInOrder(
      items(6, taken),
      async (s, i) => {
        expect(busy.has(idOf(s))).toBe(false);
        busy.add(idOf(s));
        most = Math.max(most, taken.length - i);
        await delay(5);
        busy.delete(idOf(s));
      },
      () => undefined,
    );
    expect(most).toBeLessThanOrEqual(2);
  });

  it("starts no second session for a single item", async () => {
    const start = jest.fn(async () => session(1));
    await new SessionPool(session(0), 4, start).runInOrder(
      items(1, []),
      async () => undefined,
      () => undefined,
    );
    expect(start).not.toHaveBeenCalled();
  });

  it("starts no new item after a failure and rethrows it", async () => {
    const pool = new SessionPool(session(0), 1, async () => session(1));
    const done: number[] = [];
    await expect(
      pool.runInOrder(
        items(5, []),
        async (_, i) => {
          if (i === 1) throw new Error("pack died");
          return i;
        },
        (i) => done.push(i),
      ),
    ).rejects.toThrow("pack died");
    expect(done).toEqual([0]);
  });
});
