interface ScanProgress {
  stacksDone: number;
  /** Stacks listed so far (the listing runs ahead of the scan); `listingDone` once it is complete. */
  stacksListed: number;
  listingDone: boolean;
  resources: number;
  findings: number;
}

/** A one-line progress indication on stderr, only when stderr is a terminal (never in CI or when redirected). */
export class Progress {
  private last = 0;
  private shown = false;
  private readonly startedAt = Date.now();

  constructor(readonly enabled: boolean) {}

  static forStderr(): Progress {
    return new Progress(Boolean(process.stderr.isTTY) && !process.env.CI);
  }

  /** Redrawn at most five times a second, and only once the scan has taken a second. */
  update(p: ScanProgress): void {
    const now = Date.now();
    if (!this.enabled || now - this.startedAt < 1000 || now - this.last < 200) {
      return;
    }
    this.last = now;
    this.shown = true;
    const total = p.listingDone ? `${p.stacksListed}` : `${p.stacksListed}+`;
    process.stderr.write(`\rstacks ${p.stacksDone}/${total}, ${p.resources} resources analyzed, ${p.findings} findings`.padEnd(79));
  }

  done(): void {
    if (this.shown) {
      process.stderr.write("\r".padEnd(80) + "\r");
      this.shown = false;
    }
  }
}

/**
 * Adds each of one stack's analyzed resources once. A stack whose pack failed is analyzed again from its first
 * resource; only the resources beyond those the earlier attempt reached are new.
 */
export function countedOncePerStack(onNewResource: () => void): (analyzed: number) => void {
  let counted = 0;
  return (analyzed) => {
    for (; counted < analyzed; counted++) {
      onNewResource();
    }
  };
}
