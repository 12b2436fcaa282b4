import * as fs from "fs";
import * as path from "path";

/** Markdown outside fenced code blocks and inline code: a `#` or `[x](y)` in code is not a heading or a link. */
function prose(markdown: string): string[] {
  let fenced = false;
  return markdown.split("\n").map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return "";
    }
    return fenced ? "" : line.replace(/`[^`]*`/g, (code) => code.replace(/[[\]()#]/g, "_"));
  });
}

/** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

/** Every relative link of a Markdown file (a path, a path#anchor or an #anchor) that points nowhere. */
export function brokenLinks(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const broken: string[] = [];
  for (const line of prose(text)) {
    for (const [, target] of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [linkPath, anchor] = target.split("#", 2);
      const resolved = linkPath ? path.resolve(path.dirname(file), decodeURIComponent(linkPath)) : file;
      if (!fs.existsSync(resolved)) {
        broken.push(`${target}: no file ${path.relative(path.dirname(file), resolved)}`);
      } else if (anchor !== undefined && resolved.endsWith(".md") && !anchors(fs.readFileSync(resolved, "utf8")).has(anchor)) {
        broken.push(`${target}: no heading with anchor #${anchor}`);
      }
    }
  }
  return broken;
}
