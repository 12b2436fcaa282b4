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
  /** Workers that found no stack left to take and are lent to nobody. */
  private readonly idleWorkers: number[] = [];
  /** Stacks in progress that take idle sessions (lendIdle), oldest first. */
  private readonly borrowers: Array<{ use: (session: ScanSession) => void; workers: number[] }> = [];

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

  /**
   * Hands `use` the session of every worker with nothing left to scan, now and as workers run out of stacks,
   * each started if need be (one stack in a run of --jobs 2 still uses both cores), until the returned
   * function is called. A session that cannot start is left out: the stack goes on without it.
   */
  lendIdle(use: (session: ScanSession) => void): () => void {
    const borrower = { use, workers: [] as number[] };
    this.borrowers.push(borrower);
    for (const w of this.idleWorkers.splice(0)) {
      this.lend(w);
    }
    return () => {
      this.borrowers.splice(this.borrowers.indexOf(borrower), 1);
      for (const w of borrower.workers) {
        this.lend(w);
      }
    };
  }

  private lend(worker: number): void {
    const borrower = this.borrowers[0];
    if (!borrower || this.interrupted) {
      this.idleWorkers.push(worker);
      return;
    }
    borrower.workers.push(worker);
    this.session(worker).then(
      (session) => borrower.use(session),
      () => undefined,
    );
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
   * failure is rethrown once the items in progress are finished. A worker that finds no item left lends
   * its session (lendIdle).
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
      if (!failure) {
        this.lend(w);
      }
    };
    await Promise.all(Array.from({ length: this.size }, (_, w) => worker(w).catch((error) => void (failure ??= { error }))));
    if (failure) {
      throw failure.error;
    }
  }
}
