import { readUrl } from "../../reference/url";
import { trimEnd, withoutCredentials } from "../quote";
import { Reference } from "../types";

/**
 * Commands that fetch or install software from a URL on their line: curl, wget, PowerShell's Invoke-WebRequest,
 * Start-BitsTransfer and WebClient downloads, msiexec, package managers given a URL, and repository definitions
 * (apt `deb` lines, yum/dnf `baseurl`/`mirrorlist`, add-apt-repository). `dpkg -i` installs what such a command
 * fetched, so its download is what is matched.
 */
const DOWNLOAD_COMMAND =
  /(?:^|[\s;&|(`'"])(?:curl|wget|invoke-webrequest|iwr|invoke-restmethod|irm|start-bitstransfer|msiexec(?:\.exe)?|rpm|dnf|yum|zypper|apt|apt-get|add-apt-repository|yum-config-manager)(?=$|[\s;&|)`'"])|\.download(?:file|string|data)(?:async)?\s*\(/i;
// An apt `deb` line wherever it is written (a sources.list, an `echo ... >` into one, cloud-config `apt.sources`), and
// yum/dnf repository keys at the start of a line (a .repo file, cloud-config `yum_repos`).
const REPOSITORY_DEFINITION = /(?:^|[\s"'])deb(?:-src)?\s+(?:\[[^\]]*\]\s+)?(?:https?|ftp):\/\/|^\s*(?:-\s*)?(?:baseurl|mirrorlist|metalink)\s*[=:]/i;
const URL = /\b(https?|ftp):\/\/([^\s/?#"'`<>()\]]+)[^\s"'`<>()\]]*/gi;
const TRAILING_PUNCTUATION = ".:,;!?";
const DOWNLOAD_SCHEMES = new Set(["http", "https", "ftp"]);

const DOWNLOAD_NOTE = "downloaded or installed by a command";

/**
 * URLs that startup text downloads or installs software from, as `downloadHosts` facts: only on lines that run a
 * download or install command or define a package repository, so that a URL in a comment, an echo or a
 * documentation link is not a download. A line continued with a trailing backslash is read as one line.
 */
export function downloadReferences(path: string, text: string, note?: string): Reference[] {
  const found = new Map<string, Reference>();
  for (const line of logicalLines(text)) {
    if (!DOWNLOAD_COMMAND.test(line) && !REPOSITORY_DEFINITION.test(line)) continue;
    for (const match of line.matchAll(URL)) {
      const reference = downloadReference(path, match[0], note ? `${note}; ${DOWNLOAD_NOTE}` : DOWNLOAD_NOTE);
      if (reference && !found.has(reference.value)) found.set(reference.value, reference);
    }
  }
  return [...found.values()];
}

/** A URL that is itself fetched (an extension's file URI, a startup-script URL, a download step's source). */
export function downloadReference(path: string, rawUrl: string, note: string): Reference | undefined {
  const url = readUrl(withoutCredentials(trimEnd(rawUrl.trim(), TRAILING_PUNCTUATION)));
  if (!url || !DOWNLOAD_SCHEMES.has(url.scheme)) return undefined;
  const host = url.host.toLowerCase();
  return { kind: "software-download", path, value: `${url.scheme}://${host}${url.path}`, facts: { downloadHosts: [host] }, note };
}

function* logicalLines(text: string): Generator<string> {
  let pending = "";
  for (const raw of text.split(/\r?\n/)) {
    if (raw.endsWith("\\")) {
      pending += `${raw.slice(0, -1)} `;
      continue;
    }
    yield pending + raw;
    pending = "";
  }
  if (pending) yield pending;
}
