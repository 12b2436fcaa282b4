import { outcomeOfHeadline, readLabelled, readVendor, type ReportedOutcome } from "../report/grammar";

/**
 * Picks the labelled fields out of a restricted-vendor diagnostic message, read with the grammar the pack
 * writes it in (src/report/grammar.ts). Only the matched reference is ever taken from the resource, which is
 * what keeps secrets out of reports.
 */
export type Outcome = ReportedOutcome | "other";

interface FindingFields {
  headline: string;
  outcome: Outcome;
  propertyPath?: string;
  reference?: string;
  vendorId?: string;
  vendorName?: string;
  /** Each "rule:" line: "<title>, <citation> <url>". */
  rules: string[];
  window?: string;
  basis?: string;
  action?: string;
}

export function parseFindingFields(message: string): FindingFields {
  const fields: FindingFields = { headline: "", outcome: "other", rules: [] };
  for (const line of message.split("\n")) {
    const labelled = readLabelled(line);
    if (!labelled) {
      if (!fields.headline && line.trim() !== "") {
        fields.headline = line.trim();
      }
      continue;
    }
    const { label, text } = labelled;
    switch (label) {
      case "property":
        fields.propertyPath ??= text;
        break;
      case "reference":
        fields.reference ??= text;
        break;
      case "vendor": {
        const vendor = readVendor(text);
        fields.vendorId ??= vendor.id;
        fields.vendorName ??= vendor.name;
        break;
      }
      case "rule":
        fields.rules.push(text);
        break;
      case "window":
        fields.window ??= text;
        break;
      case "basis":
        fields.basis ??= text;
        break;
      case "action":
        fields.action ??= text;
        break;
    }
  }
  fields.outcome = outcomeOfHeadline(fields.headline) ?? "other";
  return fields;
}
