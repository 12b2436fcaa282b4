import { quotable, withoutCredentials } from "../quote";
import { Extracted } from "../types";

// The forms the Google provider resolves (terraform-provider-google compute image.go): a path or any URL
// ending in projects/<p>/global/images/[family/]<name>; "<project>/<image-or-family>"; and forms that
// stay in the provider's own project or a Google-provided one (global/images/..., family/..., a bare name).
const PROJECT = "[a-z](?:[-a-z0-9.:]{0,61}[a-z0-9])?";
const NAME = "[-_a-zA-Z0-9]+";
const PROJECT_PATH = new RegExp(`(?:^|/)projects/(${PROJECT})/global/images/(?:family/)?${NAME}$`);
const SHORTHAND = new RegExp(`^(${PROJECT})/${NAME}$`);
const OWN_PROJECT = new RegExp(`^(?:global/images/(?:family/)?${NAME}|family/${NAME}|${NAME})$`);

const EXPECTED = "a GCP image (projects/<project>/global/images/<image>, .../family/<family>, <project>/<image>, or a URL)";

export function classifyGcpImage(path: string, raw: unknown): Extracted[] {
  if (typeof raw !== "string" || raw.trim() === "") return [];
  const value = raw.trim();
  if (OWN_PROJECT.test(value)) return [];
  // One word only: the URL form is matched at its end, and the reference quoted must not carry text before it.
  const project = /\s/.test(value) ? undefined : (PROJECT_PATH.exec(value)?.[1] ?? SHORTHAND.exec(value)?.[1]);
  if (project) return [{ kind: "gcp-image", path, value: withoutCredentials(value), facts: { gcpImageProjects: [project] }, note: `image project ${project}` }];
  return [{ kind: "unparseable", path, value: quotable(value), expected: EXPECTED, problem: "its image project cannot be read from it" }];
}
