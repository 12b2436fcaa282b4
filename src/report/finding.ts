import { Level, Outcome } from "../decide/decision";

/** One diagnostic the pack reports, before the SDK turns it into a Pulumi diagnostic. */
export interface Finding {
  level: Level;
  outcome: Outcome | "unknown" | "unparseable" | "config-error";
  message: string;
}
