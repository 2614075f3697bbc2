import type { DocumentSummary } from "../types.ts";
import { extractCodePatterns } from "./code-patterns.ts";
import { extractConcepts } from "./concepts.ts";
import { extractImplementationNotes } from "./implementation-notes.ts";
import type { PreparedDocument } from "./prepared-document.ts";
import { summarizeProse } from "./summary-sentences.ts";

/** The extractive summary of one document: ranked sentences, key concepts, step lists and code patterns. */
export function summarizeDocument(prepared: PreparedDocument, productName: string): DocumentSummary {
  return {
    documentId: prepared.document.id,
    summary: summarizeProse(prepared),
    concepts: extractConcepts(prepared, productName),
    implementationNotes: extractImplementationNotes(prepared),
    codePatterns: extractCodePatterns(prepared),
  };
}
