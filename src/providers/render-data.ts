/** Renders run data (the product context, documents) as fenced prompt text. */
import type { AnalysisDocument, GlobalContext } from "../types.ts";
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
