import { IdentifierKey, familiesOnFacts } from "../../catalog/identifierFamilies";
import { Located } from "../../props/paths";
import { ScanLimits } from "../limits";
import { quotable } from "../quote";
import { Extracted, ReferenceKind } from "../types";
import { imageFacts } from "./imageFacts";
import { canonicalName, isImageId, parseImageReference, repositoryOf } from "../../reference/image";

/** What each extractor reports beside its references: the property paths it has read, so the fallback scan skips them. */
export interface Found {
  items: Extracted[];
  consumed: string[];
}

/**
 * Where one resource type keeps images, declaratively. Paths use the SDK's input names; `[*]` walks arrays.
 * Adding a resource type is one entry in a family's table.
 */
export interface ImageSource {
  type: string;
  /** Properties holding JSON documents (ECS containerDefinitions, Batch properties), parsed before the paths below are read. */
  json?: string[];
  /** Properties holding one image reference each. */
  images?: string[];
  /** Command lines, arguments and environment values (a string, a list of strings or a map of strings). */
  text?: string[];
  /** Scripts run at boot, plain or base64 (optionally gzip-compressed). */
  userData?: string[];
  /** Readings a path cannot express (Helm charts and values, Dockerfiles); `programDirectory` as in ResourceInput. */
  custom?: { paths: string[]; read(props: Record<string, unknown>, limits: ScanLimits, programDirectory?: string): Found };
}

/** An image whose value is unknown at preview could be any of these: the families matched against the facts imageFacts gives. */
export const IMAGE_COULD_MATCH: IdentifierKey[] = familiesOnFacts("imageRepositories", "registryHosts", "awsAccountIds", "marketplaceSellers");

const IMAGE_EXPECTED = "a container image reference (registry/repository[:tag][@digest])";

/** Turns what a path holds into a reference, an unknown, or an unparseable value; nothing for empty values and image IDs. */
export function classifyImage(located: Located, kind: ReferenceKind = "container-image"): Extracted | undefined {
  if (located.state === "unknown") return { kind: "unknown", path: located.path, expected: "container image", couldMatch: IMAGE_COULD_MATCH };
  return classifyImageText(located.path, located.value, kind);
}

export function classifyImageText(path: string, value: unknown, kind: ReferenceKind = "container-image", note?: string): Extracted | undefined {
  if (typeof value !== "string") {
    // Only scalars are quoted: an object here may hold anything, secrets included.
    const shown = typeof value === "object" && value !== null ? (Array.isArray(value) ? "(a list)" : "(an object)") : String(value);
    return { kind: "unparseable", path, value: shown, expected: IMAGE_EXPECTED, problem: "it is not text" };
  }
  const text = value.trim();
  if (text === "" || isImageId(text)) return undefined;
  const parsed = parseImageReference(text);
  if (!parsed.ok) return { kind: "unparseable", path, value: quotable(text), expected: IMAGE_EXPECTED, problem: parsed.problem };
  const canonical = canonicalName(parsed.image);
  const readAs = canonical === text || repositoryOf(parsed.image) === text ? undefined : `read as ${canonical}`;
  const notes = [note, readAs].filter(Boolean).join("; ");
  return { kind, path, value: text, facts: imageFacts(parsed.image), ...(notes ? { note: notes } : {}) };
}
