import { Vendor } from "../catalog/types";
import { Decision } from "../decide/decision";
import { Change, Window } from "../decide/windows";
import { UnknownReference, UnparseableReference } from "../extract/types";
import { VendorMatch, decisiveHit } from "../match/vendorMatch";
import { ResolvedReference } from "../resolve/types";
import { clip } from "../util/clip";
import { formatInstant } from "../util/instant";
import { Finding } from "./finding";
import { headline, labelled as line, reportedOutcome, vendorText } from "./grammar";
import { IDENTIFIER_LABEL, KIND_LABEL, KIND_REPLACEMENT } from "./wording";

// Every message follows grammar.ts, so that the CLI's reports can pick its fields out.
const describeWindow = (window: Window | undefined): string =>
  window ? `${window.action} since ${formatInstant(window.from)}${window.until ? ` until ${formatInstant(window.until)}` : ""}` : "none active";

const describeChange = (next: Change | undefined): string =>
  next ? `${next.action === "none" ? "no restriction" : next.action} from ${formatInstant(next.at)}` : "no later change";

const windowLine = (window: Window | undefined, next: Change | undefined) => line("window", `${describeWindow(window)}; next: ${describeChange(next)}`);

const ruleLines = (vendor: Vendor) => vendor.legalBasis.map((basis) => line("rule", `${basis.title}, ${basis.citation} <${basis.url}>`));

function exemptionSnippet(policyName: string, vendorId: string, urn: string): string {
  const entry = { vendor: vendorId, urn, reason: "<why this use is allowed>", expires: "<YYYY-MM-DD>" };
  return JSON.stringify({ [policyName]: { exemptions: [entry] } });
}

function matchedLine(match: VendorMatch): string {
  const hit = decisiveHit(match);
  const product = hit.owner.product ? ` (product ${hit.owner.product.name}, category ${hit.owner.product.category})` : "";
  const value = hit.pattern === hit.value ? "" : ` against ${JSON.stringify(hit.value)}`;
  return line("matched", `${IDENTIFIER_LABEL[hit.identifier]} ${JSON.stringify(hit.pattern)}${value}${product}`);
}

function referenceLine(resolved: ResolvedReference): string {
  const { reference } = resolved;
  const notes = [reference.note, resolved.resolution].filter(Boolean).join("; ");
  return line("reference", `${KIND_LABEL[reference.kind]} ${reference.value}${notes ? ` (${notes})` : ""}`);
}

function decisionHeadline(decision: Decision, resolved: ResolvedReference): string {
  const what = `${KIND_LABEL[resolved.reference.kind]} of restricted vendor ${decision.vendor.id}`;
  const outcome = reportedOutcome(decision);
  switch (outcome) {
    case "blocked":
      return headline(outcome, ` ${what}.`);
    case "warning":
      return headline(outcome, ` ${what}; not blocked yet.`);
    case "grandfathered":
      return headline(outcome, ` ${what}, grandfathered${decision.allowedUntil ? ` until ${formatInstant(decision.allowedUntil)}` : ""}.`);
    case "exempted":
      return headline(outcome, ` until ${formatInstant(decision.exemption!.expires)}: ${what}.`);
    case "exempt-category":
      return headline(outcome, ` ${what}, in a category its restriction exempts.`);
    case "upcoming":
      return headline(outcome, ` ${what}; it will be blocked from ${formatInstant(decision.blockedFrom!)}.`);
  }
}

function actionLine(decision: Decision, resolved: ResolvedReference, policyName: string, urn: string): string {
  const snippet = exemptionSnippet(policyName, decision.vendor.id, urn);
  switch (decision.outcome) {
    case "restricted":
    case "upcoming":
      return line("action", `${KIND_REPLACEMENT[resolved.reference.kind]}, or request an exemption: ${snippet}`);
    case "grandfathered":
      return line(
        "action",
        `${KIND_REPLACEMENT[resolved.reference.kind]} before ${decision.allowedUntil ? formatInstant(decision.allowedUntil) : "the restriction tightens"}; grandfathering covers existing resources only`,
      );
    case "exempted": {
      const e = decision.exemption!;
      return line(
        "action",
        `none until ${formatInstant(e.expires)}; exemption reason: ${JSON.stringify(e.reason)}${e.category ? ` (exempt category ${e.category})` : ""}`,
      );
    }
    case "exempt-category": {
      const categories = decision.vendor.exemptCategories.join(", ");
      return line("action", `none; exempt categories of this restriction: ${categories}`);
    }
  }
}

export function decisionFinding(decision: Decision, match: VendorMatch, resolved: ResolvedReference, policyName: string, urn: string): Finding {
  const lines = [
    decisionHeadline(decision, resolved),
    line("property", resolved.reference.path),
    referenceLine(resolved),
    line("vendor", vendorText(decision.vendor.id, decision.vendor.name)),
    matchedLine(match),
    ...ruleLines(decision.vendor),
    windowLine(decision.window, decision.next),
  ];
  if (decision.outcome === "grandfathered") lines.push(line("basis", "URN listed in this policy's grandfathered config"));
  for (const expired of decision.expiredExemptions) {
    lines.push(line("exemption", `expired on ${formatInstant(expired.expires)} (reason was ${JSON.stringify(expired.reason)}); it no longer applies`));
  }
  lines.push(actionLine(decision, resolved, policyName, urn));
  return { level: decision.level, outcome: decision.outcome, message: lines.join("\n") };
}

// With a catalog of hundreds of vendors, listing every one made each "Could not check" message tens of kilobytes.
const MAX_VENDORS_LISTED = 5;

function vendorList(vendors: Array<{ vendor: Vendor; window: Window }>): string {
  const listed = vendors.slice(0, MAX_VENDORS_LISTED).map(({ vendor, window }) => `${vendor.id} (${describeWindow(window)})`);
  const more = vendors.length - listed.length;
  return more > 0 ? `${listed.join(", ")} and ${more} more` : listed.join(", ");
}

export function unknownFinding(unknown: UnknownReference, concerned: { level: Finding["level"]; vendors: Array<{ vendor: Vendor; window: Window }> }): Finding {
  const vendors = vendorList(concerned.vendors);
  const { unresolvable } = unknown;
  return {
    level: concerned.level,
    outcome: "unknown",
    message: [
      unresolvable
        ? headline("unchecked", `: ${unknown.expected} ${unresolvable.value} names no vendor the pack can see, so it may belong to a restricted vendor.`)
        : headline("unchecked", `: the ${unknown.expected} is unknown during preview, so it may belong to a restricted vendor.`),
      line("property", unknown.path),
      ...(unresolvable ? [line("reference", `${unknown.expected} ${unresolvable.value}`)] : []),
      line("vendors", vendors),
      line(
        "action",
        unresolvable?.action ??
          "Make the value known at preview (a literal, config or an invoke such as aws.ec2.getAmi), or run `pulumi up` only after `pulumi preview` shows the resolved value",
      ),
    ].join("\n"),
  };
}

const describeSource = (source: { urn: string; type: string }) => `${source.type} "${source.urn.slice(source.urn.lastIndexOf("::") + 2)}"`;

function sourceList(sources: Array<{ urn: string; type: string }>): string {
  const listed = sources.slice(0, MAX_VENDORS_LISTED).map(describeSource);
  const more = sources.length - listed.length;
  return more > 0 ? `${listed.join(", ")} and ${more} more` : listed.join(", ");
}

/** At preview: a value the update will resolve and check before it creates the resource. */
export function previewUnknownFinding(
  unknown: UnknownReference,
  vendors: Array<{ vendor: Vendor; window: Window }>,
  sources: Array<{ urn: string; type: string }>,
): Finding {
  return {
    level: "advisory",
    outcome: "unknown",
    message: [
      headline(
        "unchecked",
        ` yet: the ${unknown.expected} is unknown during preview; \`pulumi up\` checks it once it is resolved, before it creates the resource.`,
      ),
      line("property", unknown.path),
      ...(sources.length > 0 ? [line("from", `computed from ${sourceList(sources)}`)] : []),
      line("vendors", vendorList(vendors)),
      line(
        "action",
        'None needed now: the update blocks a restricted value. To block at preview instead, set unknownsAtPreview to "mandatory" in this policy\'s config',
      ),
    ].join("\n"),
  };
}

/** A failed online lookup after a window began: the AMI is unverified, reported as an unknown value is. */
export function lookupFailureFinding(
  resolved: ResolvedReference,
  concerned: { level: Finding["level"]; vendors: Array<{ vendor: Vendor; window: Window }> },
): Finding {
  const id = resolved.reference.value;
  const vendors = vendorList(concerned.vendors);
  return {
    level: concerned.level,
    outcome: "unknown",
    message: [
      headline("unchecked", `: AMI ${id} could not be looked up, so it may belong to a restricted vendor.`),
      line("property", resolved.reference.path),
      line("reference", `AMI ${id}`),
      line("lookup", resolved.lookupFailure ?? "failed"),
      line("vendors", vendors),
      line(
        "action",
        `Let the credentials running the preview call ec2:DescribeImages in the resource's region, or add the image to amiInventory (the JSON of \`aws ec2 describe-images --image-ids ${id}\`)`,
      ),
    ].join("\n"),
  };
}

export function unparseableFinding(unparseable: UnparseableReference): Finding {
  if (unparseable.limit) return limitFinding(unparseable);
  return {
    level: "advisory",
    outcome: "unparseable",
    message: [
      headline("unchecked", `: the value is not ${unparseable.expected}; ${unparseable.problem}.`),
      line("property", unparseable.path),
      line("reference", JSON.stringify(clip(unparseable.value))),
      line("action", `Use ${unparseable.expected}`),
    ].join("\n"),
  };
}

/** A scan limit left part of the resource unread: said as such, so that a partial check is never a silent pass. */
function limitFinding(unscanned: UnparseableReference): Finding {
  return {
    level: "advisory",
    outcome: "unparseable",
    message: [
      headline("unchecked", ` everything: ${unscanned.problem}. What was scanned is reported as usual.`),
      line("property", unscanned.path),
      line("reference", unscanned.value),
      line(
        "action",
        "Check the unscanned part by hand, or keep it within the limits listed in the pack's docs/security.md (for example by moving large text out of the resource)",
      ),
    ].join("\n"),
  };
}

export function configErrorFinding(policyName: string, problems: string[]): Finding {
  return {
    level: "mandatory",
    outcome: "config-error",
    message: [headline("config-error", `: the config of ${policyName} is invalid, so nothing was checked.`), ...problems.map((p) => line("problem", p))].join(
      "\n",
    ),
  };
}
