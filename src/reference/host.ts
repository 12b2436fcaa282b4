/**
 * Host names as registries, URLs and download commands write them: a DNS name or a bracketed IPv6 address,
 * optionally followed by ":port".
 */

const DOMAIN_NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*$/;
const IPV6_HOST = /^\[[a-fA-F0-9:]+\]$/;
const PORT = /^[0-9]+$/;
// A DNS name has at most 253 characters; longer "hosts" in text are not hosts, and would cost a quadratic label walk to match.
const MAX_HOST_LENGTH = 253;

/** A host name, with a port if one was written. */
export function isValidDomain(domain: string): boolean {
  const colon = domain.startsWith("[") ? domain.indexOf(":", domain.indexOf("]")) : domain.indexOf(":");
  const host = colon < 0 ? domain : domain.slice(0, colon);
  if (host.length > MAX_HOST_LENGTH) return false;
  if (colon >= 0 && !PORT.test(domain.slice(colon + 1))) return false;
  return DOMAIN_NAME.test(host) || IPV6_HOST.test(host);
}

/** The host without a trailing ":port". */
export function stripPort(host: string): string {
  const colon = host.lastIndexOf(":");
  return colon > 0 && /^\d+$/.test(host.slice(colon + 1)) ? host.slice(0, colon) : host;
}

/** `repo.example.com.` is the fully qualified spelling of `repo.example.com`, which curl and DNS resolve alike. */
export function withoutRootDot(hostWithPort: string): string {
  const name = stripPort(hostWithPort);
  return name.endsWith(".") ? `${name.slice(0, -1)}${hostWithPort.slice(name.length)}` : hostWithPort;
}
