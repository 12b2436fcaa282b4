import { createHash } from "crypto";
import { Vendor } from "./types";

/** The fingerprint a catalog's version is tied to: any change to any vendor, even of a note or a source, changes it. */
export function catalogContentHash(vendors: readonly Vendor[]): string {
  return `sha256:${createHash("sha256").update(JSON.stringify(vendors)).digest("hex")}`;
}
