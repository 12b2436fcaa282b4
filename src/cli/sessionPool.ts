import * as os from "os";
import { Interrupted, type ScanSession } from "./scanSession";

/** As many pack processes as the machine has cores: each scans one stack at a time. */
export function defaultJobs(): number {
  return os.availableParallelism?.() ?? os.cpus().length;
}

/**
 * Up to `size` scan sessions, each with its own pack process. The first is started by the caller (it checks
 * the config before anything is scanned); the others are started only when there is a stack for them, so
 * scanning one file never starts a second pack.
 */
export class SessionPool {
  private readonly sessions: Array<Promise<ScanSession> | undefined>;

  constructor(
    readonly first: ScanSession,
    readonly size: number,
    private readonly start: () => Promise<ScanSession>,
  ) {
    this.sessions = [Promise.resolve(first)];
  }

  session(worker: number): Promise<ScanSession> {
    if (this.interrupted) {
      return Promise.reject(new Interrupted());
    }
    return (this.sessions[worker] ??= this.start());
  }

  get interrupted(): boolean {
    return this.first.interrupted;
  }

  /** Ctrl-C or SIGTERM: every started pack is killed, so the stacks in progress end now and no new one starts. */
  async interrupt(): Promise<void> {
    await Promise.all((await this.started()).map((s) => s.interrupt()));
  }

  /** The pack processes started so far (for the peak-memory line of RESTRICTED_VENDORS_STATS). */
  async started(): Promise<ScanSession[]> {
    const settled = await Promise.allSettled(this.sessions.filter((s) => s !== undefined));
    return settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  }

  async stop(): Promise<void> {
    await Promise.all((await this.started()).map((s) => s.pack.stop()));
  }

  /**
   * Runs `work` for every item on the pool's sessions, one item at a time per session, taking items from
   * the iterable only as sessions become free (a listing of thousands of stacks is never held), and hands
   * each result to `deliver` in the items' order. After a failure no new item is started; the first
   * failure is rethrown once the items in progress are finished.
   */
  async runInOrder<T, R>(items: AsyncIterable<T>, work: (session: ScanSession, item: T) => Promise<R>, deliver: (result: R) => void): Promise<void> {
    const iterator = items[Symbol.asyncIterator]();
    let taking: Promise<unknown> = Promise.resolve();
    let taken = 0;
    let failure: { error: unknown } | undefined;
    const take = (): Promise<{ item: T; index: number } | undefined> => {
      const next = taking.then(async () => {
        if (failure || this.interrupted) return undefined;
        const r = await iterator.next();
        return r.done ? undefined : { item: r.value, index: taken++ };
      });
      taking = next.catch(() => undefined);
      return next;
    };
    const finished = new Map<number, R>();
    let delivered = 0;
    const worker = async (w: number) => {
      for (let next = await take(); next && !failure; next = await take()) {
        try {
          finished.set(next.index, await work(await this.session(w), next.item));
        } catch (error) {
          failure ??= { error };
          return;
        }
        for (; finished.has(delivered); delivered++) {
          deliver(finished.get(delivered)!);
          finished.delete(delivered);
        }
      }
    };
    await Promise.all(Array.from({ length: this.size }, (_, w) => worker(w).catch((error) => void (failure ??= { error }))));
    if (failure) {
      throw failure.error;
    }
  }
}
