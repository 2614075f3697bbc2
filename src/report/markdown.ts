/** Markdown building blocks that stay safe whatever text a document puts into them. */

// Characters that start inline markup (emphasis, links, HTML, entities, tables, strikethrough).
const INLINE_MARKUP = /[\\`*_[\]<>|~&#!]/g;
// Markers that open a block when they start a line: a list item, a thematic break or setext underline,
// a numbered list item. "-flag" or "0.1.0" open nothing, so they stay readable.
const LEADING_BLOCK_MARKER = /^([-+=])(?=[\s=+-]|$)|^(\d{1,9})([.)])(?=\s|$)/;
// A code span: a backtick run, then text, then a run of the same length (neither touching another backtick).
const CODE_SPAN = /(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)/g;

// Whitespace that collapsing would change: any but a plain space, two spaces in a row, or a space at either end.
const UNCOLLAPSED_WHITESPACE = /[^\S ]| {2}|^ | $/;

function collapseWhitespace(text: string): string {
  // Most text is already one line of single spaces; testing is cheaper than building the same string again.
  return UNCOLLAPSED_WHITESPACE.test(text) ? text.replace(/\s+/g, " ").trim() : text;
}

function escapeLeadingBlockMarker(text: string): string {
  return text.replace(LEADING_BLOCK_MARKER, (_match, sign?: string, digits?: string, delimiter?: string) =>
    sign === undefined ? `${digits}\\${delimiter}` : `\\${sign}`,
  );
}

/** Escapes text for a table cell: one line, every markup character escaped (GFM splits cells even inside code spans). */
export function formatTableCell(text: string): string {
  const escaped = collapseWhitespace(text).replace(INLINE_MARKUP, (character) => `\\${character}`);
  return escapeLeadingBlockMarker(escaped);
}

/** Escapes text for a paragraph, list item, heading or link text; keeps well-formed code spans as code. */
export function formatInline(text: string): string {
  const line = collapseWhitespace(text);
  if (!line.includes("`")) return formatTableCell(line);
  let result = "";
  let position = 0;
  for (const match of line.matchAll(CODE_SPAN)) {
    result += formatTableCell(line.slice(position, match.index));
    // A space between escaped text and a code span would be trimmed away by formatTableCell.
    if (match.index > 0 && line[match.index - 1] === " ") result += " ";
    result += match[0];
    position = match.index + match[0].length;
    if (line[position] === " ") result += " ";
  }
  result += formatTableCell(line.slice(position));
  return result;
}

/** Percent-encodes the characters that would end or confuse a link destination. */
export function formatDestination(url: string): string {
  return url.replace(/[\s<>()\\|`"[\]\u0000-\u001f\u007f]/g, (character) => encodeURIComponent(character));
}

/** A markdown link with escaped text and a safe destination. */
export function formatLink(options: { text: string; url: string }): string {
  const text = formatInline(options.text);
  return `[${text === "" ? formatTableCell(options.url) : text}](${formatDestination(options.url)})`;
}

/** A table cell holding a link (text escaped as a cell, so `|` cannot split the row). */
export function formatTableLink(options: { text: string; url: string }): string {
  const text = formatTableCell(options.text);
  return `[${text === "" ? formatTableCell(options.url) : text}](${formatDestination(options.url)})`;
}

/** A fenced code block whose fence is longer than any backtick run inside the code. */
export function formatCodeBlock(options: { code: string; language: string }): string {
  const code = options.code.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  // The info string ends at the line and must not hold backticks; keep only a plain language name.
  const language = (options.language.trim().split(/\s+/)[0] ?? "").replace(/[^A-Za-z0-9_+#.-]/g, "");
  return `${fence}${language}\n${code}\n${fence}`;
}

/** A GFM table; cells must already be formatted with formatTableCell or formatTableLink. */
export function formatTable(options: { header: string[]; rows: string[][] }): string {
  const line = (cells: string[]) => `| ${cells.map((cell) => (cell === "" ? " " : cell)).join(" | ")} |`;
  return [line(options.header), line(options.header.map(() => "---")), ...options.rows.map(line)].join("\n");
}

// A link or image destination, or a reference definition, whose target may be relative.
const LINK_DESTINATION = /(\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?)([^)\s>]+)/g;

// Relative links point into the source's folder, not the report's, so they are made absolute.
function absolutiseLinks(line: string, baseUrl: string | undefined): string {
  return line.replace(LINK_DESTINATION, (match, prefix: string, destination: string) => {
    if (/^([a-z][a-z0-9+.-]*:|#)/i.test(destination)) return match;
    if (baseUrl === undefined) return `${prefix}#`;
    try {
      return `${prefix}${formatDestination(new URL(destination, baseUrl).href)}`;
    } catch {
      return `${prefix}#`;
    }
  });
}

/**
 * Markdown from a source, shown inside a blockquote so it cannot end the page's own structure:
 * headings and setext underlines are escaped, raw HTML is shown as text, relative links are resolved
 * against `baseUrl` (or emptied when there is none), fenced code is kept.
 */
export function formatQuotedMarkdown(options: { markdown: string; baseUrl?: string }): string {
  let openFence: string | undefined;
  const lines = options.markdown.replace(/\r\n?/g, "\n").trim().split("\n").map((line) => {
    const fence = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (openFence !== undefined) {
      if (fence !== undefined && fence[0] === openFence[0] && fence.length >= openFence.length) openFence = undefined;
      return line;
    }
    if (fence !== undefined) {
      openFence = fence;
      return line;
    }
    const safe = absolutiseLinks(line, options.baseUrl).replace(/</g, "&lt;");
    return /^\s{0,3}(#|=+\s*$|-+\s*$)/.test(safe) ? safe.replace(/^(\s*)/, "$1\\") : safe;
  });
  // Close a fence the source left open, so the quote's end stays visible.
  if (openFence !== undefined) lines.push(openFence);
  return lines.map((line) => (line === "" ? ">" : `> ${line}`)).join("\n");
}
