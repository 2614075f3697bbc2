/**
 * Renders the numbered sources of a synthesis. A source is its document's analysis and the one section the topic
 * question named, not the whole document: the analysis already covers the document, and the whole text cost about
 * as many tokens again as the summarize question's.
 */
import { countTokens } from "../tokens.ts";
import type { AnalysisDocument, DocumentSummary, SynthesisInput } from "../types.ts";
import { fence } from "./fence.ts";

// Below this many tokens of room a cut section says too little to be worth its fence line.
const SMALLEST_SECTION_TOKENS = 50;

/**
 * The sources of a synthesis, each fenced with its number, id, URL and title: the document's summary, concepts,
 * implementation notes and code patterns, then the section `citedAnchors` names (the document's opening when it
 * names none), cut to what the source's equal share of `budgetTokens` leaves (at least 500 tokens a source).
 */
export function renderSources(input: SynthesisInput, budgetTokens: number, citedAnchors: readonly string[]): string {
  const share = Math.max(500, Math.floor(budgetTokens / Math.max(1, input.sources.length)));
  return input.sources
    .map(({ document, summary }, index) => {
      const analysis = renderAnalysis(summary);
      const section = renderSection(document, citedAnchors[index] ?? "", share - countTokens(analysis));
      const body = section === "" ? analysis : `${analysis}\n\nSection about this topic:\n${section}`;
      return fence("document", [["number", index + 1], ["id", document.id], ["url", document.url], ["title", document.title]], body);
    })
    .join("\n\n");
}

/** What the summarize question found in a document, as prompt text. */
export function renderAnalysis(summary: DocumentSummary): string {
  const parts = [`Summary: ${summary.summary}`];
  if (summary.concepts.length > 0) parts.push(["Concepts:", ...summary.concepts.map((concept) => `- ${concept.name}: ${concept.description}`)].join("\n"));
  if (summary.implementationNotes.length > 0) parts.push(["Implementation notes:", ...summary.implementationNotes.map((note) => `- ${note.title}: ${note.steps.join("; ")}`)].join("\n"));
  if (summary.codePatterns.length > 0) {
    const patterns = summary.codePatterns.map((pattern) => {
      const ticks = "`".repeat(Math.max(3, ...[...pattern.code.matchAll(/`+/g)].map((run) => run[0].length + 1)));
      return `- ${pattern.name}${pattern.whenToUse === "" ? "" : `: ${pattern.whenToUse}`}\n${ticks}${pattern.language}\n${pattern.code.replace(/\n$/, "")}\n${ticks}`;
    });
    parts.push(["Code patterns:", ...patterns].join("\n"));
  }
  return parts.join("\n\n");
}

// The named section with its heading line, whole when it fits `room` tokens, else cut by characters (3 a token, as
// code tokenizes; prose takes about 4).
function renderSection(document: AnalysisDocument, anchor: string, room: number): string {
  const section = document.sections.find((candidate) => candidate.anchor === anchor) ?? document.sections[0];
  if (section === undefined || room < SMALLEST_SECTION_TOKENS) return "";
  const text = (section.level > 0 ? `${"#".repeat(section.level)} ${section.heading}\n\n${section.markdown}` : section.markdown).trim();
  // Every o200k_base token holds at least one byte, so a text of at most `room` bytes fits uncounted.
  if (Buffer.byteLength(text) <= room || countTokens(text) <= room) return text;
  return `${text.slice(0, room * 3)}\n\n[… cut to fit]`;
}
