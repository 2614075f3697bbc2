/** Citations of a guideline: `[n]` links that resolve to the cited section of the source document. */
import type { CitedSource, Statement, TopicGuideline } from "../types.ts";
import { formatDestination, formatInline } from "./markdown.ts";
import { anchoredUrl } from "./report-lookups.ts";

/** A guideline's sources by their `[n]` number; the first source wins when two share a number. */
export function indexSources(guideline: TopicGuideline): Map<number, CitedSource> {
  const sources = new Map<number, CitedSource>();
  for (const source of guideline.sources) if (!sources.has(source.number)) sources.set(source.number, source);
  return sources;
}

/** The `[[n]](url#anchor)` links of a list of citation numbers, in order, without duplicates. */
export function formatCitations(options: { citations: number[]; sources: Map<number, CitedSource> }): string {
  const links: string[] = [];
  for (const number of new Set(options.citations)) {
    const source = options.sources.get(number);
    // A number with no source would render as a dead link; the guideline's own sources list is the truth.
    if (source === undefined) continue;
    links.push(`[[${number}]](${formatDestination(anchoredUrl({ url: source.url, anchor: source.anchor }))})`);
  }
  return links.join(" ");
}

/** A statement's escaped text followed by its citation links. */
export function formatStatement(options: { statement: Statement; sources: Map<number, CitedSource> }): string {
  const text = formatInline(options.statement.text);
  const citations = formatCitations({ citations: options.statement.citations, sources: options.sources });
  return [text, citations].filter((part) => part !== "").join(" ");
}
