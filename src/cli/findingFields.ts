/**
 * Picks the labelled fields out of a restricted-vendor diagnostic message. The pack writes a
 * headline, then lines "  <label>: <text>" (property, reference, vendor, matched, rule, window,
 * basis, action, ...) so that reports can quote them; only the matched reference is ever taken
 * from the resource, which is what keeps secrets out of reports.
 */
export type Outcome =
    | "blocked"
    | "warning"
    | "upcoming"
    | "grandfathered"
    | "exempted"
    | "exempt-category"
    | "unchecked"
    | "config-error"
    | "other";

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

const HEADLINE_OUTCOMES: Array<[string, Outcome]> = [
    ["Blocked:", "blocked"],
    ["Warning:", "warning"],
    ["Upcoming:", "upcoming"],
    ["Allowed for now:", "grandfathered"],
    ["Allowed by exemption", "exempted"],
    ["Allowed:", "exempt-category"],
    ["Could not check", "unchecked"],
    ["Could not evaluate", "config-error"],
];

const LABELLED = /^\s+([a-z]+):\s+(.*)$/;

export function parseFindingFields(message: string): FindingFields {
    const fields: FindingFields = { headline: "", outcome: "other", rules: [] };
    for (const line of message.split("\n")) {
        const m = LABELLED.exec(line);
        if (!m) {
            if (!fields.headline && line.trim() !== "") {
                fields.headline = line.trim();
            }
            continue;
        }
        const [, label, text] = m;
        switch (label) {
            case "property":
                fields.propertyPath ??= text;
                break;
            case "reference":
                fields.reference ??= text;
                break;
            case "vendor": {
                const colon = text.indexOf(": ");
                fields.vendorId ??= colon < 0 ? text : text.slice(0, colon);
                fields.vendorName ??= colon < 0 ? undefined : text.slice(colon + 2);
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
    fields.outcome = HEADLINE_OUTCOMES.find(([prefix]) => fields.headline.startsWith(prefix))?.[1] ?? "other";
    return fields;
}
