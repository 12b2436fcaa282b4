import builtInCatalogJson from "./vendors.json";
import { Catalog } from "./types";

/** The built-in catalog as shipped; tests validate it against the Vendor definition. */
export const builtInCatalog: Catalog = builtInCatalogJson as Catalog;
