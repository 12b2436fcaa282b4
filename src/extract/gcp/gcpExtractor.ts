import { familiesOnFacts } from "../../catalog/identifierFamilies";
import { tableExtractor } from "../marketplace/fieldTable";
import { GCP_IMAGE_FIELDS } from "./gcpFields";
import { classifyGcpImage } from "./gcpImage";

/** GCP boot and source images, matched by their image project. */
export const gcpImageExtractor = tableExtractor({
  fields: GCP_IMAGE_FIELDS,
  expected: "GCP image",
  couldMatch: familiesOnFacts("gcpImageProjects"),
  read: (path, value) => classifyGcpImage(path, value),
});
