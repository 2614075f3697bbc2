/** Renders run data (the product context, documents, synthesis sources) as fenced prompt text. */
import { countTokens } from "../tokens.ts";
import type { AnalysisDocument, GlobalContext, SynthesisInput } from "../types.ts";
import { fence } from "./fence.ts";

/** The product context as one `<context>` element; deterministic, so every batch prefix renders it alike. */
export function renderContext(context: GlobalContext): string {
  const lines = [`Name: ${context.name}`];
  if (context.description !== "") lines.push(`Description: ${context.description}`);
  if (context.purpose) lines.push(`Purpose: ${context.purpose}`);
  if (context.audience) lines.push(`Audience: ${context.audience}`);
  if (context.details.trim() !== "") lines.push("", context.details.trim());
  if (context.features.length > 0) {
    lines.push("", "Features:", ...context.features.map((feature) => `- ${feature.name} (importance ${feature.importance}): ${feature.description}`));
  }
  if (context.terminology.length > 0) lines.push("", "Terminology:", ...context.terminology.map((entry) => `- ${entry.term}: ${entry.definition}`));
  return fence("context", [["version", context.version]], lines.join("\n"));
}

/** One document of a batch, fenced with its id, URL and title. */
export function renderDocument(document: Pick<AnalysisDocument, "id" | "url" | "title" | "markdown">): string {
  return fence("document", [["id", document.id], ["url", document.url], ["title", document.title]], document.markdown);
}

/** The documents of a batch, in the given order. */
export function renderDocuments(documents: ReadonlyArray<Pick<AnalysisDocument, "id" | "url" | "title" | "markdown">>): string {
  return documents.map(renderDocument).join("\n\n");
}

/**
 * The numbered sources of a synthesis, each fenced with its number, id and URL: the summary, then as much of
 * the document as its share of `budgetTokens` holds (the section the topic question named first).
 */
export function renderSources(input: SynthesisInput, budgetTokens: number, citedAnchors: readonly string[]): string {
  const share = Math.max(500, Math.floor(budgetTokens / Math.max(1, input.sources.length)));
  return input.sources
    .map(({ document, summary }, index) => {
      const body = [`Summary: ${summary.summary}`, "", fitSections(document, share, citedAnchors[index] ?? "")].join("\n");
      return fence("document", [["number", index + 1], ["id", document.id], ["url", document.url], ["title", document.title]], body);
    })
    .join("\n\n");
}

/** The document's sections within `budget` tokens, the `first` anchor's section kept first, in document order. */
function fitSections(document: AnalysisDocument, budget: number, first: string): string {
  if (countTokens(document.markdown) <= budget) return document.markdown;
  const sections = document.sections.map((section, index) => ({
    index,
    text: section.level > 0 ? `${"#".repeat(section.level)} ${section.heading}\n\n${section.markdown}` : section.markdown,
  }));
  const ordered = [...sections].sort((a, b) => Number(document.sections[b.index]!.anchor === first) - Number(document.sections[a.index]!.anchor === first) || a.index - b.index);
  const kept: typeof sections = [];
  let used = 0;
  for (const section of ordered) {
    const tokens = countTokens(section.text);
    if (used + tokens > budget) continue;
    kept.push(section);
    used += tokens;
  }
  // A single section larger than the whole share is cut by characters (about 4 per token).
  if (kept.length === 0) return `${(ordered[0]?.text ?? document.markdown).slice(0, budget * 4)}\n\n[… cut to fit]`;
  return `${kept.sort((a, b) => a.index - b.index).map((section) => section.text.trim()).join("\n\n")}\n\n[… sections left out to fit]`;
}
