import { AMI_FIELDS } from "../../src/extract/ami/amiFields";
import { AZURE_EXTENSION_FIELDS } from "../../src/extract/azure/azureExtensionFields";
import { AZURE_FIELDS } from "../../src/extract/azure/azureFields";
import { CONTAINER_SOURCES } from "../../src/extract/container/containerImages";
import { GCP_IMAGE_FIELDS } from "../../src/extract/gcp/gcpFields";
import { LISTING_FIELDS } from "../../src/extract/marketplace/marketplaceFields";

/** A property path of a field table, as the table writes it, and the resource type it is read on. */
export interface TablePath {
  type: string;
  path: string;
  /** The table it comes from, for messages. */
  table: string;
}

/**
 * Every property path the field tables read, except "" (the resource itself) and paths inside a JSON document held
 * in a string property, which end at that property. Custom readers' paths are descriptions, not paths.
 */
export function tablePaths(): TablePath[] {
  const paths: TablePath[] = [];
  const add = (table: string, type: string, path: string) => {
    if (path !== "" && !paths.some((p) => p.type === type && p.path === path)) paths.push({ type, path, table });
  };
  for (const { type, paths: fieldPaths } of AMI_FIELDS) fieldPaths.forEach((path) => add("AMI_FIELDS", type, path));
  for (const { type, paths: fieldPaths } of LISTING_FIELDS) fieldPaths.forEach((path) => add("LISTING_FIELDS", type, path));
  for (const { type, paths: fieldPaths } of GCP_IMAGE_FIELDS) fieldPaths.forEach((path) => add("GCP_IMAGE_FIELDS", type, path));
  for (const { type, paths: fieldPaths } of AZURE_EXTENSION_FIELDS) fieldPaths.forEach((path) => add("AZURE_EXTENSION_FIELDS", type, path));
  for (const { type, shapes } of AZURE_FIELDS) Object.keys(shapes).forEach((path) => add("AZURE_FIELDS", type, path));
  for (const source of CONTAINER_SOURCES) {
    const json = source.json ?? [];
    const inDocument = (path: string) => json.find((property) => path === property || path.startsWith(`${property}[`) || path.startsWith(`${property}.`));
    for (const path of [...json, ...(source.images ?? []), ...(source.text ?? []), ...(source.userData ?? [])])
      add("CONTAINER_SOURCES", source.type, inDocument(path) ?? path);
  }
  return paths;
}

/** "a.b[*].c" and "containers.*" as steps: property names, "[*]" for an array's items, "*" for a map's values. */
export function pathSteps(path: string): string[] {
  return path.split(".").flatMap((part) => {
    const name = part.replace(/(\[\*\])+$/, "");
    const items = (part.length - name.length) / 3;
    return [...(name === "" ? [] : [name]), ...Array<string>(items).fill("[*]")];
  });
}

/** The provider (package name) of a type token: "aws:ec2/instance:Instance" → "aws". */
export const providerOf = (type: string) => type.slice(0, type.indexOf(":"));
