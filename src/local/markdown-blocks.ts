/** One block of a markdown text; inline markup of text blocks is kept as written. */
export type MarkdownBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "quote"; text: string }
  | { kind: "list-item"; ordered: boolean; depth: number; text: string }
  | { kind: "code"; language: string; code: string }
  | { kind: "heading"; level: number; text: string }
  | { kind: "table"; text: string }
  | { kind: "html"; text: string };

interface OpenItem {
  ordered: boolean;
  depth: number;
  lines: string[];
  afterBlank: boolean;
}

const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})\s*([^\s`{]*)/u;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/u;
const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$/u;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/u;
const HTML_START = /^ {0,3}<(?:[A-Za-z][\w-]*|\/[A-Za-z]|!--)/u;

/**
 * Cuts markdown into blocks: fenced or indented code, ATX and setext headings, tables, HTML, block quotes,
 * list items (with their nesting depth) and paragraphs. Link reference definitions, thematic breaks and
 * `:::` admonition fences are dropped.
 */
export function parseMarkdownBlocks(markdown: string): MarkdownBlock[] {
  const lines = markdown.replace(/\r\n?/gu, "\n").split("\n");
  const blocks: MarkdownBlock[] = [];
  let paragraph: string[] = [];
  let quote: string[] = [];
  let item: OpenItem | undefined;
  let insideList = false;
  const flush = (): void => {
    if (paragraph.length > 0) blocks.push({ kind: "paragraph", text: paragraph.join(" ") });
    if (quote.length > 0) blocks.push({ kind: "quote", text: quote.join("\n") });
    if (item !== undefined) blocks.push({ kind: "list-item", ordered: item.ordered, depth: item.depth, text: item.lines.join(" ") });
    paragraph = [];
    quote = [];
    item = undefined;
  };
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? "";
    const fence = FENCE_OPEN.exec(line);
    if (fence !== null) {
      flush();
      const indent = fence[1]?.length ?? 0;
      const marker = fence[2] ?? "```";
      const closing = new RegExp(`^\\s*${marker.charAt(0) === "`" ? "`" : "~"}{${marker.length},}\\s*$`, "u");
      const code: string[] = [];
      index++;
      while (index < lines.length && !closing.test(lines[index] ?? "")) {
        code.push(removeIndent(lines[index] ?? "", indent));
        index++;
      }
      blocks.push({ kind: "code", language: fence[3] ?? "", code: code.join("\n") });
      index++;
      continue;
    }
    if (line.trim() === "") {
      if (item !== undefined) item.afterBlank = true;
      // A list item stays open across a blank line; paragraphs and quotes end there.
      if (paragraph.length > 0 || quote.length > 0) flush();
      index++;
      continue;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading !== null) {
      flush();
      insideList = false;
      blocks.push({ kind: "heading", level: heading[1]?.length ?? 1, text: (heading[2] ?? "").trim() });
      index++;
      continue;
    }
    if (paragraph.length > 0 && /^ {0,3}(=+|-+)\s*$/u.test(line)) {
      const text = paragraph.join(" ");
      paragraph = [];
      flush();
      blocks.push({ kind: "heading", level: line.includes("=") ? 1 : 2, text });
      index++;
      continue;
    }
    if (THEMATIC_BREAK.test(line) || /^\s*:::/u.test(line) || /^ {0,3}\[[^\]]+\]:\s+\S+/u.test(line)) {
      flush();
      index++;
      continue;
    }
    if (line.trim().startsWith("|") || (line.includes("|") && isTableSeparator(lines[index + 1] ?? ""))) {
      flush();
      const rows: string[] = [];
      while (index < lines.length && (lines[index] ?? "").includes("|") && (lines[index] ?? "").trim() !== "") {
        rows.push(lines[index] ?? "");
        index++;
      }
      blocks.push({ kind: "table", text: rows.join("\n") });
      continue;
    }
    if (HTML_START.test(line) && paragraph.length === 0) {
      flush();
      const html: string[] = [];
      while (index < lines.length && (lines[index] ?? "").trim() !== "") {
        html.push(lines[index] ?? "");
        index++;
      }
      blocks.push({ kind: "html", text: html.join("\n") });
      continue;
    }
    const quoted = /^ {0,3}>[ \t]?(.*)$/u.exec(line);
    if (quoted !== null) {
      if (paragraph.length > 0 || item !== undefined) flush();
      quote.push(quoted[1] ?? "");
      index++;
      continue;
    }
    const listItem = LIST_ITEM.exec(line);
    if (listItem !== null) {
      flush();
      insideList = true;
      const marker = listItem[2] ?? "-";
      item = { ordered: /\d/u.test(marker), depth: listItem[1]?.length ?? 0, lines: [(listItem[3] ?? "").trim()], afterBlank: false };
      index++;
      continue;
    }
    const indented = /^( {4}|\t)/u.test(line);
    if (indented && !insideList && paragraph.length === 0 && quote.length === 0 && item === undefined) {
      const code: string[] = [];
      while (index < lines.length && (/^( {4}|\t)/u.test(lines[index] ?? "") || (lines[index] ?? "").trim() === "")) {
        code.push(removeIndent(lines[index] ?? "", 4));
        index++;
      }
      blocks.push({ kind: "code", language: "", code: code.join("\n").trimEnd() });
      continue;
    }
    if (item !== undefined && (!item.afterBlank || /^\s{2,}/u.test(line))) {
      item.lines.push(line.trim());
    } else if (quote.length > 0) {
      quote.push(line.trim());
    } else {
      if (item !== undefined) flush();
      if (!/^\s/u.test(line)) insideList = false;
      paragraph.push(line.trim());
    }
    index++;
  }
  flush();
  return blocks;
}

function isTableSeparator(line: string): boolean {
  return line.includes("|") && line.includes("-") && /^[\s|:-]+$/u.test(line);
}

function removeIndent(line: string, indent: number): string {
  let removed = 0;
  while (removed < indent && line.charAt(removed) === " ") removed++;
  return line.slice(removed);
}
