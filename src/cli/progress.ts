/** A one-line progress indication on stderr, only when stderr is a terminal and the work is long. */
export class Progress {
    private last = 0;
    private shown = false;

    constructor(private readonly enabled: boolean) {}

    static forStderr(): Progress {
        return new Progress(Boolean(process.stderr.isTTY) && !process.env.CI);
    }

    update(label: string, done: number, total: number): void {
        const now = Date.now();
        if (!this.enabled || total < 200 || (now - this.last < 200 && done !== total)) {
            return;
        }
        this.last = now;
        this.shown = true;
        process.stderr.write(`\r${label}: ${done}/${total} resources analyzed`.padEnd(79));
    }

    done(): void {
        if (this.shown) {
            process.stderr.write("\r".padEnd(80) + "\r");
            this.shown = false;
        }
    }
}
