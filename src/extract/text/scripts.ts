import { originKeys } from "../fallback/fallbackScan";
import { documentReferences } from "../gitops/documents";
import { atString } from "../gitops/argo";
import { helmValuesReferences, valuesFromSettings } from "../kubernetes/helm";
import { LIMITS, ScanLimits } from "../limits";
import { Extracted } from "../types";
import { CommandArguments, commandArguments } from "./commandLine";
import { heredocBodies } from "./heredocs";
import { ShellVariables } from "./shellVariables";
import { imageReference, referencesInText } from "./textReferences";

/**
 * References in a script or command line, read as a shell (or PowerShell) and the tools it runs read it: the
 * references in its text, the image arguments of its commands with the script's variables expanded, the values
 * `helm --set` gives a chart, the commands of the systemd units and the documents (compose files, manifests) it
 * writes in here-documents.
 */
export function scriptReferences(path: string, text: string, limits: ScanLimits, note?: string): Extracted[] {
  const script = commandArguments(text);
  const items: Extracted[] = referencesInText(path, text, note, script.images);
  // The script's assignments are collected only once a command is seen to use a variable.
  let variables: ShellVariables | undefined;
  const expand = (word: string) => (word.includes("$") ? (variables ??= new ShellVariables(text)).expand(word) : []);
  const readCommands = (commands: CommandArguments, how?: string) => {
    const withHow = (added: string) => [note, how, added].filter(Boolean).join("; ");
    for (const { command, image } of commands.images) {
      if (how) push(items, imageReference(path, image, withHow(`argument of "${command}"`)));
      for (const expanded of expand(image))
        push(items, imageReference(path, expanded, withHow(`argument of "${command}" with the script's variables expanded`)));
    }
    for (const settings of commands.helmSettings) {
      const expanded = settings.map(([key, value]): [string, string] => [key, expand(value)[0] ?? value]);
      for (const item of helmValuesReferences(valuesFromSettings(expanded), "", limits).items)
        if (item.kind !== "unparseable") items.push(atString(item, path, withHow('set by "helm --set"')));
    }
  };
  readCommands(script);
  const units = unitCommands(text);
  if (units) readCommands(commandArguments(units), "in a systemd unit's Exec line");
  for (const block of powershellBlocks(text)) readCommands(commandArguments(block), "in a PowerShell block");
  for (const body of heredocBodies(text)) {
    const expanded = body.includes("$") ? (variables ??= new ShellVariables(text)).substitute(body, LIMITS.documentChars) : body;
    for (const item of documentReferences(path, expanded, limits, [note, "in a here-document"].filter(Boolean).join("; "))) items.push(item);
  }
  return oncePerOrigin(items);
}

/** The readings of one text often find one image twice (as a word with a host, and in the document it is in): it is reported once. */
export function oncePerOrigin(items: Extracted[]): Extracted[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (item.kind === "unknown" || item.kind === "unparseable") return true;
    const keys = originKeys(item);
    if (keys.some((key) => seen.has(key))) return false;
    keys.forEach((key) => seen.add(key));
    return true;
  });
}

function push(items: Extracted[], item: Extracted | undefined): void {
  if (item) items.push(item);
}

// `ExecStart=`, `ExecStartPre=`... with systemd's prefixes (`-`, `@`, `:`, `+`, `!`).
const UNIT_EXEC = /^[ \t]*Exec[A-Za-z]*=[-@:+!]*(.*)$/gm;

/** The command lines of the systemd units in a text (written by a heredoc or `write_files`), one per line. */
function unitCommands(text: string): string {
  if (!text.includes("Exec")) return "";
  return Array.from(text.matchAll(UNIT_EXEC), (match) => match[1]).join("\n");
}

const POWERSHELL_BLOCK = /<powershell>([\s\S]*?)(?:<\/powershell>|$)/gi;

/** The `<powershell>` blocks of EC2 user data, with PowerShell's backtick line continuations joined. */
function powershellBlocks(text: string): string[] {
  if (!/<powershell>/i.test(text)) return [];
  return Array.from(text.matchAll(POWERSHELL_BLOCK), (match) => match[1].replace(/`\r?\n/g, " "));
}
