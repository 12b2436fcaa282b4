import { IdentifierKey } from "../../catalog/types";
import { valuesAt } from "../../props/paths";
import { Extracted, Extractor, ResourceInput } from "../types";

/** Where a value was found: the resource type and the table's path pattern that led to it. */
export interface FieldSite {
  type: string;
  pattern: string;
}

/** Where one family of resources takes a reference: type token → property paths (`[*]` walks an array). */
interface FieldTable {
  readonly fields: ReadonlyArray<{ type: string; paths: string[] }>;
  /** What a value at one of the paths should be, for "could not check" messages. */
  readonly expected: string;
  /** The identifier families a known value could match. */
  readonly couldMatch: IdentifierKey[];
  /** Reads one known value; returns nothing for values that name nothing a vendor could own. */
  read(path: string, value: unknown, site: FieldSite): Extracted[];
}

/** An extractor driven by a declarative table, so that covering another resource type is one line. */
export function tableExtractor(table: FieldTable): Extractor {
  const pathsByType = new Map(table.fields.map((field) => [field.type, field.paths]));
  return {
    coverage: table.fields,
    appliesTo: (type) => pathsByType.has(type),
    extract(resource: ResourceInput): Extracted[] {
      const found: Extracted[] = [];
      const unknownPaths = new Set<string>();
      for (const pattern of pathsByType.get(resource.type) ?? []) {
        for (const located of valuesAt(resource.props, pattern)) {
          if (located.state === "known") {
            for (const item of table.read(located.path, located.value, { type: resource.type, pattern })) found.push(item);
          } else if (!unknownPaths.has(located.path)) {
            // Several paths through one unknown value meet at it: report it once.
            unknownPaths.add(located.path);
            found.push({ kind: "unknown", path: located.path, expected: table.expected, couldMatch: table.couldMatch });
          }
        }
      }
      return found;
    },
  };
}
