import { isValidDomain, stripPort } from "./host";

/**
 * Container image references, parsed by the distribution/reference grammar and normalized the way Docker
 * resolves them, so that every spelling of one image compares equal before any matching.
 *
 *   reference       := name [ ":" tag ] [ "@" digest ]
 *   name            := [ domain "/" ] remote-name          (at most 255 characters)
 *   domain          := host [ ":" port ]                   (see ./host; a first component is a domain only if it
 *                                                           holds "." or ":", is "localhost", or has upper case)
 *   remote-name     := path-component { "/" path-component }
 *   path-component  := alpha-numeric { separator alpha-numeric }
 *   alpha-numeric   := [a-z0-9]+
 *   separator       := [_.] | __ | [-]+
 *   tag             := [\w][\w.-]{0,127}
 *   digest          := algorithm ":" hex                   (hex: 32 or more)
 *   algorithm       := component { [+._-] component }       (component: [A-Za-z][A-Za-z0-9]*)
 *
 * The grammar is implemented here rather than with @swimlane/docker-reference: that package compiles the
 * grammar into one backtracking JavaScript regular expression whose path-component part (`[a-z0-9]+` repeated
 * around a separator that may be empty) is exponential on near-misses. Measured on this machine, the 17
 * characters "aaaaaaaaaaaaaaaa!" took 43 s to reject, and any resource property can carry such text. The
 * expressions below keep separators non-empty and disjoint from the characters they separate, so each one
 * matches in linear time; test/container/imageReference.test.ts checks that both parsers agree on valid input.
 */

export interface ImageReference {
  /** Lower-case registry host with its port, if one was written; Docker Hub is always "docker.io". */
  host: string;
  /** Repository path below the host; Docker Hub official images carry "library/". */
  path: string;
  tag?: string;
  digest?: string;
}

type ParsedImage = { ok: true; image: ImageReference } | { ok: false; problem: string };

const DOCKER_HUB = "docker.io";
// registry.hub.docker.com serves the same registry API (Docker's answer in docker/hub-feedback#2113).
export const DOCKER_HUB_ALIASES: ReadonlySet<string> = new Set(["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"]);
// distribution/reference NameTotalLengthMax.
const MAX_NAME_LENGTH = 255;

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const IMAGE_ID = /^(?:sha256:)?[a-f0-9]{64}$/;

/** A local image ID (what docker.RemoteImage.imageId holds): it names no registry, so there is nothing to match. */
export function isImageId(text: string): boolean {
  return IMAGE_ID.test(text);
}

/**
 * Parses a reference as `docker pull` would (ParseNormalizedNamed): short names become docker.io/library/x,
 * Docker Hub's aliases become docker.io, and the host is lower-cased with its port kept.
 */
export function parseImageReference(raw: string): ParsedImage {
  const text = raw.trim();
  if (text === "") return { ok: false, problem: "it is empty" };
  if (isImageId(text)) return { ok: false, problem: "it is an image ID, which names no repository" };

  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { ok: false, problem: "its digest is not algorithm:hex" };
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { ok: false, problem: "its tag is not a valid tag" };
  }
  if (rest.length > MAX_NAME_LENGTH) return { ok: false, problem: `its name is longer than ${MAX_NAME_LENGTH} characters` };

  const slash = rest.indexOf("/");
  const first = slash < 0 ? "" : rest.slice(0, slash);
  // The first component is a registry only if it could not be a Docker Hub namespace (as in distribution).
  const hasDomain = slash >= 0 && (/[.:]/.test(first) || first === "localhost" || first !== first.toLowerCase());
  let host = hasDomain ? first : DOCKER_HUB;
  const path = hasDomain ? rest.slice(slash + 1) : rest;
  if (hasDomain && !isValidDomain(host)) return { ok: false, problem: `"${host}" is not a registry host` };
  const components = path.split("/");
  for (const component of components) {
    if (component !== component.toLowerCase()) return { ok: false, problem: "its repository path has upper-case letters" };
    if (!PATH_COMPONENT.test(component)) return { ok: false, problem: "its repository path is not lower-case letters, digits and separators" };
  }
  host = dockerHubAlias(host.toLowerCase());
  const normalizedPath = host === DOCKER_HUB && components.length === 1 ? `library/${path}` : path;
  return { ok: true, image: { host, path: normalizedPath, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) } };
}

/** Docker Hub under any of its names, keeping a port if one was written (`registry-1.docker.io:443` is `docker.io:443`). */
function dockerHubAlias(host: string): string {
  const name = stripPort(host);
  return DOCKER_HUB_ALIASES.has(name) ? `${DOCKER_HUB}${host.slice(name.length)}` : host;
}

/** "host/path": what imageRepositories patterns are matched against. */
export function repositoryOf(image: ImageReference): string {
  return `${image.host}/${image.path}`;
}

/** The normalized reference with its tag and digest, for messages. */
export function canonicalName(image: ImageReference): string {
  return `${repositoryOf(image)}${image.tag !== undefined ? `:${image.tag}` : ""}${image.digest !== undefined ? `@${image.digest}` : ""}`;
}
