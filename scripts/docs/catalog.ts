import { builtInCatalog } from "../../src/catalog/builtIn";
import { Catalog, EnforcementWindow, Identifiers, Source, Vendor } from "../../src/catalog/types";
import { identifiersField } from "../../src/catalog/vendorDefinition";
import { code, fillTemplate } from "./template";

/** Table cells hold one line: a newline or a bar inside a value would break the row. */
const cell = (text: string) => text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");

const windowText = (w: EnforcementWindow) => `${w.action} ${w.from}${w.until ? ` until ${w.until}` : ""}`;

function vendorsTable(catalog: Catalog): string {
  const rows = catalog.vendors.map((v) => {
    const basis = v.legalBasis.map((b) => `[${cell(b.title)}](${b.url}), ${cell(b.citation)}`).join("<br>");
    const exempt = v.exemptCategories.map(code).join(", ") || "none";
    return `| ${code(v.id)} | ${cell(v.name)} | ${basis} | ${v.windows.map(windowText).join("; ")} | ${exempt} |`;
  });
  return ["| id | vendor | legal basis | windows | exempt categories |", "|---|---|---|---|---|", ...rows].join("\n");
}

const identifierText = (identifiers: Identifiers) =>
  Object.entries(identifiers)
    .filter(([, values]) => values?.length)
    .map(([family, values]) => `${family} ${(values as string[]).map(code).join(", ")}`)
    .join("<br>");

const sourcesText = (sources: Source[] | undefined) => (sources ?? []).map((s, i) => `[${s.kind} ${i + 1}](${s.url}) (checked ${s.checked})`).join(", ") || "—";

function identifierRows(v: Vendor): string[] {
  const rows: string[] = [];
  if (identifierText(v.identifiers))
    rows.push(`| ${code(v.id)} (vendor-level: restricted in every category) | ${identifierText(v.identifiers)} | ${sourcesText(v.sources)} |`);
  for (const p of v.products ?? []) {
    const exempt = v.exemptCategories.includes(p.category) ? ", **exempt**: reported as allowed" : "";
    rows.push(`| ${code(v.id)}: ${cell(p.name)} (${code(p.category)}${exempt}) | ${identifierText(p.identifiers) || "—"} | ${sourcesText(p.sources)} |`);
  }
  return rows;
}

function identifiersTable(catalog: Catalog): string {
  return ["| vendor: product (category) | identifiers | sources |", "|---|---|---|", ...catalog.vendors.flatMap(identifierRows)].join("\n");
}

function familiesTable(): string {
  const rows = Object.entries(identifiersField.fields).map(([family, field]) => `| ${code(family)} | ${cell(field.schema.description ?? "")} |`);
  return ["| family | matches |", "|---|---|", ...rows].join("\n");
}

function vendorNotes(catalog: Catalog): string {
  return catalog.vendors
    .filter((v) => v.notes)
    .map((v) => `### ${code(v.id)}\n\n${v.notes}\n`)
    .join("\n");
}

export function catalogPage(catalog: Catalog = builtInCatalog): string {
  return fillTemplate("catalog.md", {
    version: `Catalog version ${code(catalog.version)}${catalog.contentHash ? `, content hash ${code(catalog.contentHash)}` : ""}.`,
    vendors: vendorsTable(catalog),
    identifiers: identifiersTable(catalog),
    families: familiesTable(),
    notes: vendorNotes(catalog),
  });
}
