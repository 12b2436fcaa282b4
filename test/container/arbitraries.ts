import fc from "fast-check";

const alphanumeric = fc.stringMatching(/^[a-z0-9]{1,6}$/);
const separator = fc.constantFrom(".", "_", "__", "-", "--");

export const pathComponent = fc
  .tuple(alphanumeric, fc.array(fc.tuple(separator, alphanumeric), { maxLength: 2 }))
  .map(([head, rest]) => head + rest.map(([s, a]) => s + a).join(""));

/** A Docker Hub namespace or name: a path component that cannot be mistaken for a host (no dot). */
export const hubComponent = pathComponent.filter((component) => !component.includes("."));

export const hostLabel = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?$/);

/** A registry host (two or more labels, optional port); never Docker Hub's aliases. */
export const registryHost = fc
  .tuple(fc.array(hostLabel, { minLength: 2, maxLength: 4 }), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }))
  .map(([labels, port]) => `${labels.join(".")}${port === undefined ? "" : `:${port}`}`)
  .filter((host) => !/^(index\.|registry-1\.)?docker\.io(:|$)/.test(host));

const tag = fc.stringMatching(/^[\w][\w.-]{0,10}$/);
const digest = fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sha256:${hex}`);

/**
 * Valid, lower-case references in every shape: with or without host, tag and digest. Without a host, a first
 * component with a dot would be read as a host, so such names are left out.
 */
export const validReference = fc
  .tuple(
    fc.option(registryHost, { nil: undefined }),
    fc.array(pathComponent, { minLength: 1, maxLength: 3 }),
    fc.option(tag, { nil: undefined }),
    fc.option(digest, { nil: undefined }),
  )
  .filter(([host, path]) => host !== undefined || path.length === 1 || !path[0].includes("."))
  .map(([host, path, t, d]) => `${host ? `${host}/` : ""}${path.join("/")}${t ? `:${t}` : ""}${d ? `@${d}` : ""}`);
