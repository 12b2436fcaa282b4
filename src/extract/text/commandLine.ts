/**
 * The image argument of commands that pull or start containers (`docker pull|run|create`, the same for podman
 * and nerdctl, `ctr images pull`, `ctr run`, `crictl pull`, `kubectl run --image`). This is what lets a short
 * Docker Hub name in a script be read at all; references with a registry host are found without it.
 */
export interface ImageArgument {
  command: string;
  image: string;
}

const RUNTIMES = new Set(["docker", "podman", "nerdctl"]);
const PULLING = new Set(["pull", "run", "create"]);
// Flags of these commands that take no value; any other flag written without "=" is taken to consume the next word.
const BOOLEAN_LONG = new Set([
  "--rm", "--detach", "--interactive", "--tty", "--privileged", "--init", "--read-only", "--publish-all", "--all-tags",
  "--quiet", "--disable-content-trust", "--no-healthcheck", "--oom-kill-disable", "--replace", "--all-platforms",
  "--skip-verify", "--plain-http", "--local", "--help", "--net-host", "--null-io", "--tls-verify", "--debug",
]);
const BOOLEAN_SHORT = /^-[ditPqak]+$/;
// Commands end at newlines and shell operators; a trailing backslash continues the line.
const COMMAND_SPLIT = /\r?\n|;|&&|\|\||\|/;
const WORD_SPLIT = /[\s"'`()]+/;
// Only segments naming one of the commands are split into words.
const COMMAND_NAME = /docker|podman|nerdctl|ctr|crictl|kubectl/;

export function imageArguments(text: string): ImageArgument[] {
  if (!COMMAND_NAME.test(text)) return [];
  const found: ImageArgument[] = [];
  for (const segment of text.replace(/\\\r?\n/g, " ").split(COMMAND_SPLIT)) {
    if (!COMMAND_NAME.test(segment)) continue;
    const words = new Words(segment.split(WORD_SPLIT).filter(Boolean));
    for (let i = 0; i < words.length; i++) {
      const name = words.at(i).slice(words.at(i).lastIndexOf("/") + 1);
      const argument = imageArgumentOf(name, words, i + 1);
      if (argument) {
        found.push(argument);
        break;
      }
    }
  }
  return found;
}

function imageArgumentOf(name: string, words: Words, start: number): ImageArgument | undefined {
  if (RUNTIMES.has(name) || name === "ctr" || name === "crictl") {
    let at = words.skipFlags(start);
    let sub = words.at(at);
    // `docker image pull`, `docker container run`, `ctr images pull`.
    if (["image", "images", "i", "container"].includes(sub) && PULLING.has(words.at(at + 1))) sub = words.at(++at);
    if (!PULLING.has(sub) || (name === "crictl" && sub !== "pull")) return undefined;
    const image = words.at(words.skipFlags(at + 1));
    return image ? { command: `${name} ${sub}`, image } : undefined;
  }
  if (name === "kubectl" && words.at(words.skipFlags(start)) === "run") {
    const i = words.imageFlag(start);
    if (i < words.length) {
      const word = words.at(i);
      return { command: "kubectl run", image: word === "--image" ? words.at(i + 1) : word.slice("--image=".length) };
    }
  }
  return undefined;
}

/**
 * The words of one command segment, with the two scans a command needs precomputed from the right, so that
 * a segment of many command names and flags costs linear time rather than a rescan per name.
 */
class Words {
  /** For each index: the first index at or after it that is neither a flag nor a flag's value. */
  private nonFlag?: Int32Array;
  /** For each index: the first index at or after it holding `--image=x`, or `--image` followed by a word. */
  private image?: Int32Array;

  constructor(private readonly words: string[]) {}

  get length(): number {
    return this.words.length;
  }

  at(i: number): string {
    return this.words[i] ?? "";
  }

  skipFlags(from: number): number {
    if (!this.nonFlag) {
      const n = this.words.length;
      const table = new Int32Array(n + 2).fill(n);
      for (let i = n - 1; i >= 0; i--) {
        const word = this.words[i];
        if (!word.startsWith("-")) table[i] = i;
        else {
          const takesNext = !word.includes("=") && !BOOLEAN_LONG.has(word) && !BOOLEAN_SHORT.test(word) && (word.startsWith("--") || word.length === 2);
          table[i] = table[Math.min(n, i + (takesNext ? 2 : 1))];
        }
      }
      this.nonFlag = table;
    }
    return from >= this.words.length ? this.words.length : this.nonFlag[from];
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
