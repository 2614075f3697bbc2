import type { MarkdownBlock } from "./markdown-blocks.ts";

/** A block read from a run of lines, with the index of the first line after it. */
export interface ReadBlock {
  block: MarkdownBlock;
  next: number;
}

const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})\s*([^\s`{]*)/u;
const HTML_START = /^ {0,3}<(?:[A-Za-z][\w-]*|\/[A-Za-z]|!--)/u;
const INDENTED = /^( {4}|\t)/u;

/**
 * Reads a block that holds no prose at `index`: a fenced code block, a table, an HTML block or, where
 * allowed (outside lists and paragraphs), an indented code block. Undefined when the line starts none.
 */
export function readLeafBlock(lines: readonly string[], index: number, options: { paragraphOpen: boolean; indentedCodeAllowed: boolean }): ReadBlock | undefined {
  const line = lines[index] ?? "";
  const fence = FENCE_OPEN.exec(line);
  if (fence !== null) return readFence(lines, index, fence[1]?.length ?? 0, fence[2] ?? "```", fence[3] ?? "");
  if (line.trim().startsWith("|") || (line.includes("|") && isTableSeparator(lines[index + 1] ?? ""))) {
    const next = skipWhile(lines, index, (row) => row.includes("|") && row.trim() !== "");
    return { block: { kind: "table", text: lines.slice(index, next).join("\n") }, next };
  }
  if (HTML_START.test(line) && !options.paragraphOpen) {
    const next = skipWhile(lines, index, (row) => row.trim() !== "");
    return { block: { kind: "html", text: lines.slice(index, next).join("\n") }, next };
  }
  if (INDENTED.test(line) && options.indentedCodeAllowed && !options.paragraphOpen) {
    const next = skipWhile(lines, index, (row) => INDENTED.test(row) || row.trim() === "");
    const code = lines.slice(index, next).map((row) => removeIndent(row, 4));
    return { block: { kind: "code", language: "", code: code.join("\n").trimEnd() }, next };
  }
  return undefined;
}

function readFence(lines: readonly string[], index: number, indent: number, marker: string, language: string): ReadBlock {
  const closing = new RegExp(`^\\s*${marker.charAt(0) === "`" ? "`" : "~"}{${marker.length},}\\s*$`, "u");
  // An unclosed fence runs to the end of the text, as in CommonMark.
  const end = skipWhile(lines, index + 1, (row) => !closing.test(row));
  const code = lines.slice(index + 1, end).map((row) => removeIndent(row, indent));
  return { block: { kind: "code", language, code: code.join("\n") }, next: end + 1 };
}

function skipWhile(lines: readonly string[], start: number, keep: (line: string) => boolean): number {
  let index = start;
  while (index < lines.length && keep(lines[index] ?? "")) index++;
  return index;
}

function isTableSeparator(line: string): boolean {
  return line.includes("|") && line.includes("-") && /^[\s|:-]+$/u.test(line);
}

function removeIndent(line: string, indent: number): string {
  let removed = 0;
  while (removed < indent && line.charAt(removed) === " ") removed++;
  return line.slice(removed);
}
