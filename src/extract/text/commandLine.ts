/**
 * The container CLIs' grammar: which commands pull or start an image, their flags, and which word is the image.
 * How a script splits into commands and words is shellWords.ts's.
 */
import { CommandReader, quoteBlindCommands, shellCommands, withoutRedirections } from "./shellWords";

/**
 * The image argument of commands that pull or start containers (`docker pull|run|create`, the same for podman
 * and nerdctl, `ctr images pull`, `ctr run`, `crictl pull`, `kubectl run --image`). This is what lets a short
 * Docker Hub name in a script be read at all; references with a registry host are found without it.
 */
export interface ImageArgument {
  command: string;
  image: string;
}

/** The `--set` and `--set-string` values of one `helm install|upgrade|template` command, as key and value. */
type HelmSettings = Array<[key: string, value: string]>;

/** What the commands of a script pass on: image arguments, and Helm values set on the command line. */
export interface CommandArguments {
  images: ImageArgument[];
  helmSettings: HelmSettings[];
}

/** An image argument of a command given as a list of words (exec form), with the index of the word holding it. */
interface WordArgument extends ImageArgument {
  word: number;
}

const RUNTIMES = new Set(["docker", "podman", "nerdctl"]);
const PULLING = new Set(["pull", "run", "create"]);
// `docker image pull`, `docker container run`, `ctr images pull`.
const GROUPS = new Set(["image", "images", "i", "container"]);
// Words a flag of unknown arity is never taken to consume: another flag, or the subcommand itself (`docker --new-flag pull x`).
const SUBCOMMANDS = new Set([...PULLING, ...GROUPS]);
// Only segments naming one of the commands are split into words.
const COMMAND_NAME = /docker|podman|nerdctl|ctr|crictl|kubectl|helm/;

/**
 * The flags of these commands, from the CLIs' reference documentation (docker, podman, nerdctl, ctr, crictl):
 * those that take no value and those that take one. A flag in neither list is of unknown arity (see `Words`).
 */
interface FlagTable {
  booleanLong: ReadonlySet<string>;
  valueLong: ReadonlySet<string>;
  booleanShort: string;
  valueShort: string;
}

const BOOLEAN_LONG = new Set([
  // docker run|create|pull and the docker client's global flags
  "--rm",
  "--detach",
  "--interactive",
  "--tty",
  "--privileged",
  "--init",
  "--read-only",
  "--publish-all",
  "--all-tags",
  "--quiet",
  "--disable-content-trust",
  "--no-healthcheck",
  "--oom-kill-disable",
  "--sig-proxy",
  "--use-api-socket",
  "--debug",
  "--tls",
  "--tlsverify",
  "--help",
  "--version",
  // podman
  "--replace",
  "--rmi",
  "--tls-verify",
  "--http-proxy",
  "--no-hosts",
  "--read-only-tmpfs",
  "--env-host",
  "--rootfs",
  "--remote",
  "--syslog",
  "--passwd",
  "--no-hostname",
  // nerdctl
  "--insecure-registry",
  "--debug-full",
  "--all-platforms",
  "--experimental",
  // ctr
  "--skip-verify",
  "--plain-http",
  "--local",
  "--net-host",
  "--null-io",
  "--http-dump",
  "--http-trace",
  "--all-metadata",
  "--print-chainid",
  "--seccomp",
  "--cni",
  "--no-pivot",
  "--privileged-without-host-devices",
  "--remap-labels",
  // crictl
  "--enable-tracing",
]);

const VALUE_LONG = new Set([
  // docker run|create|pull
  "--add-host",
  "--annotation",
  "--attach",
  "--blkio-weight",
  "--blkio-weight-device",
  "--cap-add",
  "--cap-drop",
  "--cgroup-parent",
  "--cgroupns",
  "--cidfile",
  "--cpu-count",
  "--cpu-percent",
  "--cpu-period",
  "--cpu-quota",
  "--cpu-rt-period",
  "--cpu-rt-runtime",
  "--cpu-shares",
  "--cpus",
  "--cpuset-cpus",
  "--cpuset-mems",
  "--detach-keys",
  "--device",
  "--device-cgroup-rule",
  "--device-read-bps",
  "--device-read-iops",
  "--device-write-bps",
  "--device-write-iops",
  "--dns",
  "--dns-option",
  "--dns-search",
  "--domainname",
  "--entrypoint",
  "--env",
  "--env-file",
  "--expose",
  "--gpus",
  "--group-add",
  "--health-cmd",
  "--health-interval",
  "--health-retries",
  "--health-start-interval",
  "--health-start-period",
  "--health-timeout",
  "--hostname",
  "--ip",
  "--ip6",
  "--ipc",
  "--isolation",
  "--kernel-memory",
  "--label",
  "--label-file",
  "--link",
  "--link-local-ip",
  "--log-driver",
  "--log-opt",
  "--mac-address",
  "--memory",
  "--memory-reservation",
  "--memory-swap",
  "--memory-swappiness",
  "--mount",
  "--name",
  "--network",
  "--net",
  "--network-alias",
  "--net-alias",
  "--oom-score-adj",
  "--pid",
  "--pids-limit",
  "--platform",
  "--publish",
  "--pull",
  "--restart",
  "--runtime",
  "--security-opt",
  "--shm-size",
  "--stop-signal",
  "--stop-timeout",
  "--storage-opt",
  "--sysctl",
  "--tmpfs",
  "--ulimit",
  "--user",
  "--userns",
  "--uts",
  "--volume",
  "--volume-driver",
  "--volumes-from",
  "--workdir",
  // the docker client's global flags
  "--config",
  "--context",
  "--host",
  "--log-level",
  "--tlscacert",
  "--tlscert",
  "--tlskey",
  // podman
  "--arch",
  "--os",
  "--variant",
  "--authfile",
  "--cert-dir",
  "--creds",
  "--decryption-key",
  "--retry",
  "--retry-delay",
  "--connection",
  "--url",
  "--identity",
  "--root",
  "--runroot",
  "--storage-driver",
  "--systemd",
  "--sdnotify",
  "--pod",
  "--timeout",
  // nerdctl
  "--namespace",
  "--address",
  "--snapshotter",
  "--cgroup-manager",
  "--data-root",
  "--hosts-dir",
  "--unpack",
  "--verify",
  // ctr
  "--cwd",
  "--memory-limit",
  "--with-ns",
  "--pid-file",
  "--fifo-dir",
  "--log-uri",
  "--max-concurrent-downloads",
  "--connect-timeout",
  "--refresh",
  // crictl
  "--runtime-endpoint",
  "--image-endpoint",
  "--auth",
  "--username",
  "--pod-config",
  "--tracing-endpoint",
]);

// `-a` is a value for `docker run` (--attach) and for ctr and nerdctl (--address), but none for `docker pull`
// (--all-tags): it is in neither list. `-v` is a volume for `run`, only the version for the bare client.
const DEFAULT_FLAGS: FlagTable = { booleanLong: BOOLEAN_LONG, valueLong: VALUE_LONG, booleanShort: "dDiqtPkr", valueShort: "cehHlmnpuvw" };
// crictl's short flags differ: -i is the image endpoint, -t a timeout, -r the runtime endpoint.
const CRICTL_FLAGS: FlagTable = { booleanLong: BOOLEAN_LONG, valueLong: VALUE_LONG, booleanShort: "Dq", valueShort: "acinprtu" };

type Arity = "none" | "value" | "unknown";

function arityOf(word: string, flags: FlagTable): Arity | undefined {
  if (!word.startsWith("-")) return undefined;
  if (word.length === 1 || word === "--" || word.includes("=")) return "none";
  if (word.startsWith("--")) return flags.booleanLong.has(word) ? "none" : flags.valueLong.has(word) ? "value" : "unknown";
  // A cluster of short flags (`-it`, `-dp 80:80`), or a short flag with its value attached (`-p8080:80`).
  for (let k = 1; k < word.length; k++) {
    if (flags.booleanShort.includes(word[k])) continue;
    if (flags.valueShort.includes(word[k])) return k === word.length - 1 ? "value" : "none";
    return "unknown";
  }
  return "none";
}

/** The image arguments of every command in a script or command line, read as a POSIX shell splits it into words. */
export function imageArguments(text: string): ImageArgument[] {
  return commandArguments(text).images;
}

/** The image arguments and Helm settings of every command in a script or command line, read as a POSIX shell splits it into words. */
export function commandArguments(text: string): CommandArguments {
  if (!COMMAND_NAME.test(text)) return { images: [], helmSettings: [] };
  const found = new Found();
  const reader: CommandReader = { mayHoldCommand: (segment) => COMMAND_NAME.test(segment), command: (words) => firstCommand(words, found) };
  shellCommands(text, reader);
  // The text read blind to quotes as well: at worst this adds candidates, never loses one.
  quoteBlindCommands(text, reader);
  return { images: found.arguments.map(({ command, image }) => ({ command, image })), helmSettings: found.helmSettings };
}

/**
 * The image arguments of a command given as its list of words, as Kubernetes `command` + `args` and ECS `entryPoint` +
 * `command` are run: without a shell, each element exactly one word.
 */
export function imageArgumentsOfWords(words: readonly string[]): WordArgument[] {
  const found = new Found();
  const indices: number[] = [];
  const kept: string[] = [];
  words.forEach((word, i) => {
    if (word) {
      kept.push(word);
      indices.push(i);
    }
  });
  if (kept.some((word) => COMMAND_NAME.test(word))) firstCommand(kept, found);
  return found.arguments.map((argument) => ({ ...argument, word: indices[argument.word] }));
}

/** The arguments found so far, each command and image once: a script may pull one image many times. */
class Found {
  readonly arguments: WordArgument[] = [];
  readonly helmSettings: HelmSettings[] = [];
  private readonly seen = new Set<string>();
  private readonly seenSettings = new Set<string>();

  addHelmSettings(settings: HelmSettings): void {
    const key = JSON.stringify(settings);
    if (this.seenSettings.has(key)) return;
    this.seenSettings.add(key);
    this.helmSettings.push(settings);
  }

  add(command: string, image: string, word: number): void {
    const key = `${command}\u0000${image}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.arguments.push({ command, image, word });
  }
}

/** The first pulling command among the words of one command segment: one image argument (or more candidates) per segment. */
function firstCommand(list: string[], found: Found): void {
  const words = new Words(withoutRedirections(list));
  for (let i = 0; i < words.length; i++) {
    const name = words.at(i).slice(words.at(i).lastIndexOf("/") + 1);
    if (imageArgumentsOf(name, words, i + 1, found)) return;
  }
}

/** Whether the words from `start` on are a pulling command's, with at least one image candidate (then added to `found`). */
function imageArgumentsOf(name: string, words: Words, start: number, found: Found): boolean {
  if (RUNTIMES.has(name) || name === "ctr" || name === "crictl") {
    const flags = name === "crictl" ? CRICTL_FLAGS : DEFAULT_FLAGS;
    let at = words.skipFlags(start, flags);
    let sub = words.at(at);
    if (GROUPS.has(sub) && PULLING.has(words.at(at + 1))) sub = words.at(++at);
    if (!PULLING.has(sub) || (name === "crictl" && sub !== "pull")) return false;
    const command = `${name} ${sub}`;
    const candidates = words.candidates(at + 1, flags);
    for (const word of candidates) found.add(command, words.at(word), word);
    return candidates.length > 0;
  }
  if (name === "helm") return helmSettingsOf(words, start, found);
  const kubectlSubcommand = name === "kubectl" ? words.skipFlags(start, DEFAULT_FLAGS) : -1;
  if (kubectlSubcommand >= 0 && words.at(kubectlSubcommand) === "set" && words.at(kubectlSubcommand + 1) === "image") {
    return containerImagesOf(words, kubectlSubcommand + 2, found);
  }
  if (name === "kubectl" && words.at(kubectlSubcommand) === "run") {
    const i = words.imageFlag(start);
    if (i < words.length) {
      const word = words.at(i);
      if (word === "--image") found.add("kubectl run", words.at(i + 1), i + 1);
      else found.add("kubectl run", word.slice("--image=".length), i);
      return true;
    }
  }
  return false;
}

/** `kubectl set image deployment/agent agent=vendor/agent:1 sidecar=...`: each `container=image` pair after the resource. */
function containerImagesOf(words: Words, start: number, found: Found): boolean {
  let any = false;
  for (let i = start; i < words.length; i++) {
    const word = words.at(i);
    const equals = word.indexOf("=");
    if (word.startsWith("-") || equals <= 0 || equals === word.length - 1) continue;
    found.add("kubectl set image", word.slice(equals + 1), i);
    any = true;
  }
  return any;
}

const HELM_INSTALLING = new Set(["install", "upgrade", "template"]);
const HELM_SET_FLAGS = new Set(["--set", "--set-string"]);

/**
 * `helm install|upgrade|template ... --set image.repository=vendor/agent,image.tag=1 --set-string ...`: the values
 * set on the command line, split at unescaped commas as Helm splits them. Values from files (`--set-file`,
 * `-f`) are not on the command line.
 */
function helmSettingsOf(words: Words, start: number, found: Found): boolean {
  let i = start;
  while (i < words.length && !HELM_INSTALLING.has(words.at(i))) i++;
  if (i >= words.length) return false;
  const settings: HelmSettings = [];
  for (; i < words.length; i++) {
    const word = words.at(i);
    const equals = word.indexOf("=");
    const flag = equals < 0 ? word : word.slice(0, equals);
    if (!HELM_SET_FLAGS.has(flag)) continue;
    const value = equals < 0 ? words.at(++i) : word.slice(equals + 1);
    for (const pair of value.split(/(?<!\\),/)) {
      const at = pair.indexOf("=");
      if (at > 0) settings.push([pair.slice(0, at), pair.slice(at + 1).replace(/\\,/g, ",")]);
    }
  }
  if (settings.length > 0) found.addHelmSettings(settings);
  return settings.length > 0;
}

/**
 * The words of one command segment, with the scans a command needs precomputed from the right, so that a segment
 * of many command names and flags costs linear time rather than a rescan per name.
 *
 * A flag of unknown arity followed by a plain word is read both ways: the word is taken as its value (as
 * `--flag value` most often is) and the reading goes on after it, but the word is also reported as a candidate
 * image, in case the flag takes no value. Reporting a flag's value as an image can only add a reference that
 * names no vendor; reading past an image would miss one.
 */
class Words {
  private readonly tables = new Map<FlagTable, { next: Int32Array; alternative: Int32Array }>();
  /** For each index: the first index at or after it holding `--image=x`, or `--image` followed by a word. */
  private image?: Int32Array;

  constructor(private readonly words: readonly string[]) {}

  get length(): number {
    return this.words.length;
  }

  at(i: number): string {
    return this.words[i] ?? "";
  }

  /** The first index at or after `from` that is neither a flag nor a flag's value. */
  skipFlags(from: number, flags: FlagTable): number {
    return from >= this.words.length ? this.words.length : this.tablesFor(flags).next[from];
  }

  /** The image candidates after `from`: the words a flag of unknown arity was taken to consume, then the first plain word. */
  candidates(from: number, flags: FlagTable): number[] {
    const n = this.words.length;
    if (from >= n) return [];
    const { next, alternative } = this.tablesFor(flags);
    const found: number[] = [];
    for (let j = alternative[from]; j >= 0; j = alternative[j + 2]) found.push(j + 1);
    if (next[from] < n) found.push(next[from]);
    return found;
  }

  private tablesFor(flags: FlagTable): { next: Int32Array; alternative: Int32Array } {
    let tables = this.tables.get(flags);
    if (tables) return tables;
    const n = this.words.length;
    // Index n is a sentinel, and n + 1 too: `alternative[j + 2]` may read one past the last word.
    const next = new Int32Array(n + 2).fill(n);
    /** For each index: the first flag of unknown arity on the way to `next`, that was taken to consume a plain word; or -1. */
    const alternative = new Int32Array(n + 2).fill(-1);
    for (let i = n - 1; i >= 0; i--) {
      const arity = arityOf(this.words[i], flags);
      if (arity === undefined) {
        next[i] = i;
        continue;
      }
      const following = this.words[i + 1];
      const consumes = arity === "value" || (arity === "unknown" && following !== undefined && !following.startsWith("-") && !SUBCOMMANDS.has(following));
      const step = Math.min(n, i + (consumes ? 2 : 1));
      next[i] = next[step];
      alternative[i] = arity === "unknown" && consumes ? i : alternative[step];
    }
    tables = { next, alternative };
    this.tables.set(flags, tables);
    return tables;
  }

  imageFlag(from: number): number {
    if (!this.image) {
      const n = this.words.length;
      const table = new Int32Array(n + 1).fill(n);
      for (let i = n - 1; i >= 0; i--) {
        const word = this.words[i];
        const here = word.startsWith("--image=") || (word === "--image" && this.at(i + 1) !== "");
        table[i] = here ? i : table[i + 1];
      }
      this.image = table;
    }
    return from >= this.words.length ? this.words.length : this.image[from];
  }
}
