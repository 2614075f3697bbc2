/** The frame every markdown page shares: title, extractive note, link back to the index. */
import { type PageSource, renderFrontMatter } from "./front-matter.ts";
import { formatInline } from "./markdown.ts";
import { relativeDestination, type ReportLookups } from "./report-lookups.ts";

/** The note shown on every page when the local extractive analyser produced the guidelines. */
export const EXTRACTIVE_NOTE =
  "> **Note:** these guidelines were produced by the local extractive analyser: " +
  "their sentences are quoted from the source documents, not written by a model.";

/** Joins a page's blocks with blank lines, dropping empty ones, and ends the file with a newline. */
export function joinBlocks(blocks: Array<string | undefined>): string {
  return `${blocks.filter((block): block is string => block !== undefined && block !== "").join("\n\n")}\n`;
}

/**
 * Renders a page: front matter naming its `sources`, H1 title, the extractive note when needed, a link to the
 * index, then the body blocks.
 */
export function renderPage(options: { lookups: ReportLookups; path: string; title: string; sources: PageSource[]; blocks: Array<string | undefined> }): string {
  const title = formatInline(options.title);
  const backLink =
    options.path === "index.md" ? undefined : `[Back to the index](${relativeDestination({ from: options.path, to: "index.md" })})`;
  return joinBlocks([
    renderFrontMatter({ lookups: options.lookups, title: options.title || "Untitled", sources: options.sources }),
    `# ${title === "" ? "Untitled" : title}`,
    options.lookups.input.manifest.extractive ? EXTRACTIVE_NOTE : undefined,
    backLink,
    ...options.blocks,
  ]);
}

/** A `## heading` followed by its body, or nothing when the body is empty; `heading` is trusted text. */
export function renderSection(options: { heading: string; body: string | undefined }): string | undefined {
  if (options.body === undefined || options.body === "") return undefined;
  return `## ${options.heading}\n\n${options.body}`;
}
