/**
 * The bodies of the here-documents in a script (`cat > compose.yaml <<'EOF' ... EOF`, `kubectl apply -f - <<EOF`):
 * the files and manifests a script writes or pipes, to be read as what they are. One pass over the text.
 */
export function heredocBodies(text: string): string[] {
  if (!text.includes("<<")) return [];
  const bodies: string[] = [];
  const start = new RegExp(HEREDOC_START.source, "g");
  for (let match = start.exec(text); match; match = start.exec(text)) {
    const [, stripTabs, , delimiter] = match;
    const bodyStart = text.indexOf("\n", match.index + match[0].length);
    if (bodyStart < 0) break;
    let lineStart = bodyStart + 1;
    let bodyEnd = text.length;
    let resume = text.length;
    while (lineStart < text.length) {
      const newline = text.indexOf("\n", lineStart);
      const lineEnd = newline < 0 ? text.length : newline;
      let line = text.slice(lineStart, lineEnd);
      if (line.endsWith("\r")) line = line.slice(0, -1);
      if ((stripTabs ? line.replace(/^\t+/, "") : line) === delimiter) {
        bodyEnd = lineStart;
        resume = lineEnd;
        break;
      }
      lineStart = lineEnd + 1;
    }
    const body = text.slice(bodyStart + 1, bodyEnd);
    // `<<-` strips the leading tabs of every line, so that a script can indent a document it writes.
    bodies.push(stripTabs ? body.replace(/^\t+/gm, "") : body);
    start.lastIndex = resume;
  }
  return bodies;
}

// `<<EOF`, `<<-EOF`, `<< 'EOF'`, `<<"EOF"`; not `<<<` (a here-string).
const HEREDOC_START = /(?<!<)<<(-?)[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_.-]*)\2/;
