/** Splits a document over the analysis budget into parts at heading boundaries (map-reduce, invariant 4). */
import { packByTokens } from "./pack-tokens.ts";
import { splitSectionBody } from "./split-section.ts";
import { countTokens } from "./tokens.ts";
import type { CodeBlock, DocumentSection, ExtractedDocument } from "./types.ts";

/** One part of a split document. It has a document's shape, so it is batched, asked and cached like one. */
export interface DocumentPart extends ExtractedDocument {
  /** Id of the document it is a part of. */
  partOf: string;
  /** 1-based position among the document's parts. */
  part: number;
  partCount: number;
}

/** Options of splitDocument. */
export interface SplitDocumentOptions {
  document: ExtractedDocument;
  /** Most tokens of one part's markdown. */
  budgetTokens: number;
}

/** Id of a document's part: the document id, then `#part-N` (1-based). */
export function partId(documentId: string, part: number): string {
  return `${documentId}#part-${part}`;
}

/** The 1-based part number in a part id, or undefined for a document id. */
export function partNumber(id: string): number | undefined {
  const match = /#part-(\d+)$/.exec(id);
  return match ? Number(match[1]) : undefined;
}

// Room left for the headings a cut section repeats, so a piece with its heading line still fits.
const HEADING_SLACK_TOKENS = 2;

interface Block {
  /** The section, or the piece of it this block holds. */
  section: DocumentSection;
  text: string;
  whole: boolean;
}

/**
 * Cuts a document into parts of at most `budgetTokens`, in order: whole sections (heading line and body) are
 * packed into parts, and a section too big alone is cut by paragraphs, each piece under its own heading line
 * again, so every item an analyser finds still names the section it came from. A part keeps the document's
 * URL, anchors and the code blocks of its text; its title says which part it is.
 */
export function splitDocument(options: SplitDocumentOptions): DocumentPart[] {
  const { document } = options;
  const budget = Math.max(1, options.budgetTokens);
  const sections = document.sections.length > 0 ? document.sections : [{ heading: "", level: 0, anchor: "", markdown: document.markdown }];
  const blocks = sections.flatMap((section) => sectionBlocks(section, budget));
  const groups = packByTokens({ items: blocks, textOf: (block) => block.text, budgetTokens: budget, separator: "\n\n" });
  return groups.map((group, index) => {
    const markdown = group.map((block) => block.text).join("\n\n");
    return {
      id: partId(document.id, index + 1),
      url: document.url,
      title: `${document.title} (part ${index + 1} of ${groups.length})`,
      markdown,
      sections: group.map((block) => block.section),
      codeBlocks: codeBlocksOf(document.codeBlocks, group),
      links: [],
      tokens: countTokens(markdown),
      partOf: document.id,
      part: index + 1,
      partCount: groups.length,
    };
  });
}

function sectionBlocks(section: DocumentSection, budget: number): Block[] {
  const headingLine = section.level > 0 ? `${"#".repeat(section.level)} ${section.heading}` : "";
  const withHeading = (body: string) => (headingLine === "" ? body : body === "" ? headingLine : `${headingLine}\n\n${body}`);
  const text = withHeading(section.markdown);
  if (countTokens(text) <= budget) return [{ section, text, whole: true }];
  const room = headingLine === "" ? budget : budget - countTokens(`${headingLine}\n\n`) - HEADING_SLACK_TOKENS;
  return splitSectionBody({ markdown: section.markdown, budgetTokens: room }).map((piece) => ({ section: { ...section, markdown: piece }, text: withHeading(piece), whole: false }));
}

// A whole section takes every code block under its anchor; a piece only the blocks its text holds.
function codeBlocksOf(codeBlocks: readonly CodeBlock[], group: readonly Block[]): CodeBlock[] {
  const kept = new Set<CodeBlock>();
  for (const block of group) {
    for (const code of codeBlocks) {
      if (code.anchor === block.section.anchor && (block.whole || block.text.includes(code.code))) kept.add(code);
    }
  }
  return codeBlocks.filter((code) => kept.has(code));
}
