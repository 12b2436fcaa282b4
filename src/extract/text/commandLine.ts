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

export function imageArguments(text: string): ImageArgument[] {
  const found: ImageArgument[] = [];
  for (const segment of text.replace(/\\\r?\n/g, " ").split(COMMAND_SPLIT)) {
    const words = segment.split(WORD_SPLIT).filter(Boolean);
    for (let i = 0; i < words.length; i++) {
      const name = words[i].slice(words[i].lastIndexOf("/") + 1);
      const argument = imageArgumentOf(name, words, i + 1);
      if (argument) {
        found.push(argument);
        break;
      }
    }
  }
  return found;
}

function imageArgumentOf(name: string, words: string[], start: number): ImageArgument | undefined {
  if (RUNTIMES.has(name) || name === "ctr" || name === "crictl") {
    let at = skipFlags(words, start);
    let sub = words[at];
    // `docker image pull`, `docker container run`, `ctr images pull`.
    if (["image", "images", "i", "container"].includes(sub) && PULLING.has(words[at + 1])) sub = words[++at];
    if (!PULLING.has(sub) || (name === "crictl" && sub !== "pull")) return undefined;
    const image = words[skipFlags(words, at + 1)];
    return image ? { command: `${name} ${sub}`, image } : undefined;
  }
  if (name === "kubectl" && words[skipFlags(words, start)] === "run") {
    for (let i = start; i < words.length; i++) {
      if (words[i].startsWith("--image=")) return { command: "kubectl run", image: words[i].slice("--image=".length) };
      if (words[i] === "--image" && words[i + 1]) return { command: "kubectl run", image: words[i + 1] };
    }
  }
  return undefined;
}

/** The index of the first word at or after `from` that is neither a flag nor a flag's value. */
function skipFlags(words: string[], from: number): number {
  let i = from;
  while (i < words.length && words[i].startsWith("-")) {
    const word = words[i];
    const takesNext = !word.includes("=") && !BOOLEAN_LONG.has(word) && !BOOLEAN_SHORT.test(word) && (word.startsWith("--") || word.length === 2);
    i += takesNext ? 2 : 1;
  }
  return i;
}
