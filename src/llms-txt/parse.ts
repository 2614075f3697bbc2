import { headingLevel, topLevelBlocks } from "./blocks.ts";
import { DiagnosticCollector } from "./diagnostics.ts";
import { plainText } from "./inline.ts";
import { type InputKind, prepareInput } from "./input.ts";
import { markdown } from "./markdown.ts";
import { SectionCollector } from "./section-collector.ts";
import type { LlmsTxt, LlmsTxtConformance, LlmsTxtSection, ParseLlmsTxtOptions } from "./types.ts";
import { parseUrl } from "./urls.ts";

type Phase = "before-title" | "after-title" | "details" | "section";

const UNUSABLE: Record<Exclude<InputKind, "markdown">, { code: "empty-file" | "binary-input" | "html-input"; message: string }> = {
  empty: { code: "empty-file", message: "the file is empty" },
  binary: { code: "binary-input", message: "the input is binary, not text" },
  html: { code: "html-input", message: "the input is an HTML page, not markdown (a server may have answered with its web page)" },
};

/**
 * Parses an llms.txt (llmstxt.org v2) with a CommonMark parser. Reads any string without throwing: what does not follow
 * the format is kept where it can be and reported in `diagnostics`. Relative links are resolved against `baseUrl`.
 */
export function parseLlmsTxt(text: string, options: ParseLlmsTxtOptions = {}): LlmsTxt {
  const input = prepareInput(text);
  const diagnostics = new DiagnosticCollector();
  if (input.kind !== "markdown") {
    diagnostics.add(UNUSABLE[input.kind].code, 1, UNUSABLE[input.kind].message);
    return { title: undefined, summary: undefined, info: undefined, sections: {}, orderedSections: [], diagnostics: diagnostics.sorted(), conformance: 0 };
  }
  const base = options.baseUrl === undefined ? undefined : parseUrl(options.baseUrl);
  if (options.baseUrl !== undefined && !base) diagnostics.add("invalid-base-url", 1, `base URL "${options.baseUrl}" is not a URL; relative links are kept as written`);
  // markdown-it ends lines the same way, so its 0-based line numbers index these lines.
  const source = input.text.replace(/\r\n?/g, "\n");
  const lines = source.split("\n");
  const tokens = markdown.parse(source, {});
  const collector = new SectionCollector({ base, diagnostics });
  const result: Pick<LlmsTxt, "title" | "summary" | "titleLine" | "summaryLine"> = { title: undefined, summary: undefined };
  let phase: Phase = "before-title";
  let titleSeen = false;
  let contentBeforeTitle: number | undefined;
  let detailsStart = 0;
  let detailsEnd: number | undefined;

  for (const block of topLevelBlocks(tokens)) {
    const line = block.firstLine + 1;
    const level = headingLevel(block.first);
    if (phase === "after-title" && block.first.type !== "blockquote_open") {
      diagnostics.add("missing-summary", result.titleLine!, "no > blockquote summary follows the H1");
      phase = "details";
    }
    if (level === 1 && !titleSeen) {
      titleSeen = true;
      const title = plainText(tokens[block.start + 1]?.children ?? []);
      result.titleLine = line;
      if (title) result.title = title;
      else diagnostics.add("empty-title", line, "the H1 has no text");
      if (contentBeforeTitle !== undefined) diagnostics.add("h1-not-first", line, `the H1 should open the file; content from line ${contentBeforeTitle} comes before it`);
      [phase, detailsStart, detailsEnd] = ["after-title", block.endLine, undefined];
    } else if (level === 1 || level === 2) {
      const name = plainText(tokens[block.start + 1]?.children ?? []);
      if (level === 1) diagnostics.add("multiple-h1", line, `a second H1 "${name}"; read as a section`);
      if (!titleSeen) contentBeforeTitle ??= line;
      if (phase !== "section") detailsEnd ??= block.firstLine;
      collector.startSection(name, line);
      phase = "section";
    } else if (phase === "after-title" && block.first.type === "blockquote_open") {
      const summary = joinQuote(lines.slice(block.firstLine, block.endLine));
      result.summaryLine = line;
      if (summary) result.summary = summary;
      else diagnostics.add("empty-summary", line, "the summary blockquote is empty");
      [phase, detailsStart] = ["details", block.endLine];
    } else if (phase === "section") {
      if (level > 2) diagnostics.add("subheading-in-section", line, `an H${level} does not start a section; what follows stays in "${collector.currentName}"`);
      else collector.readBlock(tokens, block);
    } else if (phase === "before-title") {
      contentBeforeTitle ??= line;
    } else if (level > 2) {
      diagnostics.add("heading-in-details", line, `an H${level} before the first H2; the details part holds no headings`);
    }
  }
  if (phase === "after-title") diagnostics.add("missing-summary", result.titleLine!, "no > blockquote summary follows the H1");
  if (!titleSeen) diagnostics.add("missing-h1", 1, 'the file has no H1 title ("# Name"), the one part the format requires');
  const orderedSections = collector.finish();
  const info = lines.slice(detailsStart, detailsEnd ?? lines.length).join("\n").trim() || undefined;
  const sections = Object.fromEntries(orderedSections.map((section) => [section.name, section.links]));
  return {
    title: result.title,
    summary: result.summary,
    info,
    sections,
    ...(result.titleLine === undefined ? {} : { titleLine: result.titleLine }),
    ...(result.summaryLine === undefined ? {} : { summaryLine: result.summaryLine }),
    orderedSections,
    diagnostics: diagnostics.sorted(),
    conformance: conformanceOf(result, orderedSections),
  };
}

/** Summary text of a blockquote's source lines: markers removed, lines joined with single spaces. */
function joinQuote(quoteLines: string[]): string {
  return quoteLines.map((line) => line.replace(/^[ \t]*(?:>[ \t]?)*/, "")).join(" ").replace(/\s+/g, " ").trim();
}

function conformanceOf(result: Pick<LlmsTxt, "title" | "summary">, sections: LlmsTxtSection[]): LlmsTxtConformance {
  if (result.title === undefined) return 1;
  if (sections.some((section) => section.links.length > 0)) return 4;
  return result.summary === undefined ? 2 : 3;
}
