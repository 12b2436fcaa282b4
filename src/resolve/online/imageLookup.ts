import { DescribeImages, Ec2Image } from "./ec2Images";

type LookupOutcome = { image: Ec2Image } | { failure: string };

// DescribeImages takes many ids per call; 100 keeps requests small and well within the API's limits.
const BATCH_SIZE = 100;

/**
 * Image lookups in one region: each id is asked for once per run (in flight or done), and the ids asked for
 * during one turn of the event loop (several AMIs of one resource, concurrent Analyze calls) go out together.
 */
export class ImageLookup {
  private readonly outcomes = new Map<string, Promise<LookupOutcome>>();
  private pending = new Map<string, (outcome: LookupOutcome) => void>();

  constructor(
    private readonly region: string,
    private readonly describe: DescribeImages,
  ) {}

  lookup(imageId: string): Promise<LookupOutcome> {
    const id = imageId.toLowerCase();
    let outcome = this.outcomes.get(id);
    if (!outcome) {
      outcome = new Promise((resolve) => {
        if (this.pending.size === 0) setImmediate(() => void this.flush());
        this.pending.set(id, resolve);
      });
      this.outcomes.set(id, outcome);
    }
    return outcome;
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    const ids = [...batch.keys()];
    for (let i = 0; i < ids.length; i += BATCH_SIZE) {
      const chunk = ids.slice(i, i + BATCH_SIZE);
      const outcomes = await this.describeAll(chunk);
      for (const id of chunk) batch.get(id)!(outcomes.get(id)!);
    }
  }

  private async describeAll(ids: string[]): Promise<Map<string, LookupOutcome>> {
    const outcomes = new Map<string, LookupOutcome>();
    try {
      const images = await this.describe(ids);
      const byId = new Map(images.map((image) => [image.ImageId.toLowerCase(), image]));
      for (const id of ids) {
        const image = byId.get(id);
        outcomes.set(id, image ? { image } : { failure: this.notFound() });
      }
    } catch (error) {
      // EC2 fails the whole call when one id does not exist or is malformed: ask for each on its own.
      if (ids.length > 1 && isPerIdError(error)) {
        const singles = await Promise.all(ids.map((id) => this.describeAll([id])));
        for (const single of singles) for (const [id, outcome] of single) outcomes.set(id, outcome);
      } else {
        const failure = isPerIdError(error) ? this.notFound() : `EC2 DescribeImages in ${this.region} failed: ${describeError(error)}`;
        for (const id of ids) outcomes.set(id, { failure });
      }
    }
    return outcomes;
  }

  private notFound(): string {
    return `EC2 DescribeImages in ${this.region} does not know it: deregistered, in another region, or not shared with the credentials used`;
  }
}

function isPerIdError(error: unknown): boolean {
  const name = (error as { name?: string }).name ?? "";
  return name === "InvalidAMIID.NotFound" || name === "InvalidAMIID.Malformed" || name === "InvalidAMIID.Unavailable";
}

/** The SDK's error, short: its name, message and how many attempts were made. */
function describeError(error: unknown): string {
  const e = error as { name?: string; message?: string; $metadata?: { attempts?: number } };
  const message = (e.message ?? String(error)).replace(/\s+/g, " ").slice(0, 300);
  const attempts = e.$metadata?.attempts;
  return `${e.name ?? "Error"}: ${message}${attempts && attempts > 1 ? ` (after ${attempts} attempts)` : ""}`;
}
