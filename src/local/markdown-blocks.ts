import { readLeafBlock } from "./markdown-leaf-blocks.ts";

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

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/u;
const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$/u;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/u;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)\s*$/u;

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
    const blank = line.trim() === "";
    const leaf = blank ? undefined : readLeafBlock(lines, index, { paragraphOpen: paragraph.length > 0, indentedCodeAllowed: !insideList && quote.length === 0 && item === undefined });
    if (leaf !== undefined) {
      flush();
      blocks.push(leaf.block);
      index = leaf.next;
      continue;
    }
    index++;
    if (blank) {
      if (item !== undefined) item.afterBlank = true;
      // A list item stays open across a blank line; paragraphs and quotes end there.
      if (paragraph.length > 0 || quote.length > 0) flush();
      continue;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading !== null || (paragraph.length > 0 && SETEXT_UNDERLINE.test(line))) {
      const text = heading !== null ? (heading[2] ?? "").trim() : paragraph.join(" ");
      const level = heading !== null ? (heading[1]?.length ?? 1) : line.includes("=") ? 1 : 2;
      paragraph = [];
      flush();
      insideList = false;
      blocks.push({ kind: "heading", level, text });
      continue;
    }
    if (THEMATIC_BREAK.test(line) || /^\s*:::/u.test(line) || /^ {0,3}\[[^\]]+\]:\s+\S+/u.test(line)) {
      flush();
      continue;
    }
    const quoted = /^ {0,3}>[ \t]?(.*)$/u.exec(line);
    if (quoted !== null) {
      if (paragraph.length > 0 || item !== undefined) flush();
      quote.push(quoted[1] ?? "");
      continue;
    }
    const listItem = LIST_ITEM.exec(line);
    if (listItem !== null) {
      flush();
      insideList = true;
      item = { ordered: /\d/u.test(listItem[2] ?? "-"), depth: listItem[1]?.length ?? 0, lines: [(listItem[3] ?? "").trim()], afterBlank: false };
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
  }
  flush();
  return blocks;
}
