import { Located, valuesAt } from "../../props/paths";
import { isUnknown } from "../../props/unknown";
import { withoutScheme } from "../../reference/url";
import { Found, ImageSource, classifyImage, classifyImageText } from "../container/imageSource";
import { trimEnd, withoutCredentials } from "../quote";

/** A registry URL and an image name (and tag) that the provider joins into one reference. */
export interface ComposedImage {
  /** The object holding the parts: `siteConfig.applicationStack`, or each of `...applicationStack.dockers[*]`. */
  at: string;
  name: string;
  tag?: string;
  registry: string;
}

/**
 * App Service and Functions images. `linuxFxVersion`/`windowsFxVersion` hold `DOCKER|<image>` for a container
 * (other stacks, `NODE|20-lts` or `PYTHON|3.12`, name no image). The classic provider takes the parts instead and
 * joins them as `DOCKER|<registry URL without scheme>/<image name>[:<tag>]` (azurerm's EncodeDockerFxString and the
 * Linux function app's docker block), which is the reference read here.
 */
export function appServiceImages(spec: { fxVersions?: string[]; composed?: ComposedImage[] }): NonNullable<ImageSource["custom"]> {
  const fxVersions = spec.fxVersions ?? [];
  const composed = spec.composed ?? [];
  return {
    paths: [
      ...fxVersions.map((p) => `${p} (the image of a DOCKER stack)`),
      ...composed.map((c) => `${c.at}.${c.registry} + ${c.name}${c.tag ? ` + ${c.tag}` : ""}`),
    ],
    read: (props) => {
      const found: Found = { items: [], consumed: [] };
      for (const located of fxVersions.flatMap((pattern) => valuesAt(props, pattern))) readFxVersion(located, found);
      for (const parts of composed) for (const located of valuesAt(props, parts.at)) readComposed(located, parts, found);
      return found;
    },
  };
}

const DOCKER_STACK = /^\s*DOCKER\|/i;

function readFxVersion(located: Located, found: Found): void {
  if (located.state === "unknown") {
    found.consumed.push(located.path);
    found.items.push(unknownImage(located.path));
    return;
  }
  const stack = located.value;
  if (typeof stack !== "string" || !DOCKER_STACK.test(stack)) return;
  found.consumed.push(located.path);
  const item = classifyImageText(located.path, stack.slice(stack.indexOf("|") + 1));
  if (item) found.items.push(item);
}

function readComposed(located: Located, parts: ComposedImage, found: Found): void {
  if (located.state === "unknown") {
    found.items.push(unknownImage(located.path));
    return;
  }
  if (typeof located.value !== "object" || located.value === null) return;
  const stack = located.value as Record<string, unknown>;
  const at = (key: string) => `${located.path}.${key}`;
  const keys = [parts.registry, parts.name, ...(parts.tag ? [parts.tag] : [])].filter((key) => stack[key] !== undefined && stack[key] !== null);
  found.consumed.push(...keys.map(at));
  const unknownKey = keys.find((key) => isUnknown(stack[key]));
  if (unknownKey) {
    found.items.push(unknownImage(at(unknownKey)));
    return;
  }
  const text = (key: string | undefined) => (key && typeof stack[key] === "string" ? (stack[key] as string).trim() : "");
  if (!text(parts.name)) return;
  const registry = registryHost(text(parts.registry));
  const tag = text(parts.tag);
  const image = `${registry ? `${registry}/` : ""}${text(parts.name)}${tag ? `:${tag}` : ""}`;
  const item = classifyImageText(at(parts.name), image, "container-image", `composed from ${keys.join(", ")}`);
  if (item) found.items.push(item);
}

const unknownImage = (path: string) => classifyImage({ path, state: "unknown" })!;

/** `https://index.docker.io/` → `index.docker.io`: the provider drops the scheme, as a registry reference has none. */
function registryHost(url: string): string {
  return trimEnd(withoutScheme(withoutCredentials(url)), "/");
}
