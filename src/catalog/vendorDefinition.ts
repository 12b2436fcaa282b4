import { arrayField, enumField, objectField, stringField, instantField, Field } from "../util/field";
import { perFamily } from "./identifierFamilies";
import { HTTP_URL } from "../reference/url";
import { Vendor } from "./types";

const kebabCase = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const identifiersField = objectField(
  perFamily(({ description, pattern, patternHint }) => arrayField(stringField({ minLength: 1, pattern, patternHint }), { description })),
  { description: "How the vendor is recognised" },
);

const windowField = objectField(
  {
    from: instantField("When the window starts"),
    action: enumField(["warn", "deny-new", "deny"] as const, "warn: advisory; deny-new: mandatory unless grandfathered; deny: mandatory"),
    until: instantField("When the window ends (exclusive)"),
  },
  { required: ["from", "action"] },
);

const legalBasisField = objectField(
  { title: stringField({ minLength: 1 }), citation: stringField({ minLength: 1 }), url: stringField({ pattern: HTTP_URL, patternHint: "an http(s) URL" }) },
  { required: ["title", "citation", "url"] },
);

const sourcesField = arrayField(
  objectField(
    {
      url: stringField({ pattern: HTTP_URL, patternHint: "an http(s) URL" }),
      kind: enumField(["official", "third-party"] as const, "official: the vendor's or cloud provider's own documentation or code; third-party: anyone else's"),
      checked: stringField({ pattern: /^\d{4}-\d{2}-\d{2}$/, patternHint: "the day the source was read, YYYY-MM-DD" }),
    },
    { required: ["url", "kind", "checked"] },
  ),
  { description: "Where the identifiers were seen: { url, kind: official | third-party, checked: YYYY-MM-DD }" },
);

const productField = objectField(
  { name: stringField({ minLength: 1 }), category: stringField({ minLength: 1 }), identifiers: identifiersField, sources: sourcesField },
  { required: ["name", "category", "identifiers"] },
);

const vendorShape = objectField(
  {
    id: stringField({ pattern: kebabCase, patternHint: "a kebab-case id" }),
    name: stringField({ minLength: 1 }),
    legalBasis: arrayField(legalBasisField, { minItems: 1 }),
    windows: arrayField(windowField, { minItems: 1 }),
    exemptCategories: arrayField(stringField({ minLength: 1 }), { description: "Service categories the restriction exempts (default: none)" }),
    identifiers: identifiersField,
    products: arrayField(productField),
    sources: sourcesField,
    notes: stringField(),
  },
  { required: ["id", "name", "legalBasis", "windows", "identifiers"] },
);

/**
 * The Vendor shape with the checks a schema cannot express. Windows keep their written form
 * (instants are re-parsed by the decision stage), so a catalog entry reads back exactly as written.
 */
export const vendorField: Field<Vendor> = {
  schema: vendorShape.schema,
  parse(value, path, problems) {
    const before = problems.length;
    const parsed = vendorShape.parse(value, path, problems);
    if (!parsed) return undefined;
    // A restriction without exempt categories needs no empty list written out.
    const vendor = { ...(value as Vendor), exemptCategories: (value as Partial<Vendor>).exemptCategories ?? [] };
    vendor.windows.forEach((window, i) => {
      if (parsed.windows[i].until && parsed.windows[i].until! <= parsed.windows[i].from) {
        problems.push(`${path}.windows[${i}].until must be after its from (${window.from})`);
      }
    });
    vendor.products?.forEach((product, i) => {
      if (Object.keys(product.identifiers).length === 0) problems.push(`${path}.products[${i}].identifiers is empty: a product nothing can match`);
    });
    return problems.length === before ? vendor : undefined;
  },
};
