import { Level, Outcome } from "../decide/decision";
import { Finding } from "./finding";

/**
 * The grammar of the pack's messages, written by report/messages.ts and read back by the CLI's reports:
 *
 *   message   = headline { "\n" labelled }
 *   headline  = opening continuation          the opening names the outcome (HEADLINE_OPENINGS)
 *   labelled  = "  " label ":" padding text   padded to a column, text up to the end of the line
 *
 * Only the matched reference is ever quoted from the resource: the text around it may hold secrets.
 */

/** What a message says happened, in the words of the CLI's JSON report (docs/cli.md). */
export type ReportedOutcome = "blocked" | "warning" | "upcoming" | "grandfathered" | "exempted" | "exempt-category" | "unchecked" | "config-error";

const HEADLINE_OPENINGS = {
  blocked: "Blocked:",
  warning: "Warning:",
  upcoming: "Upcoming:",
  grandfathered: "Allowed for now:",
  exempted: "Allowed by exemption",
  "exempt-category": "Allowed:",
  unchecked: "Could not check",
  "config-error": "Could not evaluate",
} as const satisfies Record<ReportedOutcome, string>;

/** The one mapping from a finding to the outcome its message reports. */
export function reportedOutcome(decision: { outcome: Outcome; level: Level }): Exclude<ReportedOutcome, "unchecked" | "config-error">;
export function reportedOutcome(finding: Pick<Finding, "outcome" | "level">): ReportedOutcome;
export function reportedOutcome(finding: Pick<Finding, "outcome" | "level">): ReportedOutcome {
  switch (finding.outcome) {
    case "restricted":
      return finding.level === "mandatory" ? "blocked" : "warning";
    case "unknown":
    case "unparseable":
      return "unchecked";
    default:
      return finding.outcome;
  }
}

export function headline(outcome: ReportedOutcome, continuation: string): string {
  return `${HEADLINE_OPENINGS[outcome]}${continuation}`;
}

export function outcomeOfHeadline(text: string): ReportedOutcome | undefined {
  return (Object.keys(HEADLINE_OPENINGS) as ReportedOutcome[]).find((outcome) => text.startsWith(HEADLINE_OPENINGS[outcome]));
}

type Label = "property" | "reference" | "vendor" | "vendors" | "from" | "matched" | "rule" | "window" | "basis" | "exemption" | "lookup" | "problem" | "action";

const LABEL_COLUMN = 10;

export const labelled = (label: Label, text: string) => `  ${`${label}:`.padEnd(LABEL_COLUMN)} ${text}`;

const LABELLED = /^\s+([a-z]+):\s+(.*)$/;

/** A labelled line's label and text, or undefined for a headline or a line of another pack's message. */
export function readLabelled(line: string): { label: string; text: string } | undefined {
  const m = LABELLED.exec(line);
  return m ? { label: m[1], text: m[2] } : undefined;
}

/** The vendor line's text: "<id>: <name>", split at the first colon (a name may hold one). */
export const vendorText = (id: string, name: string) => `${id}: ${name}`;

export function readVendor(text: string): { id: string; name?: string } {
  const colon = text.indexOf(": ");
  return colon < 0 ? { id: text } : { id: text.slice(0, colon), name: text.slice(colon + 2) };
}
