import { createHash } from "node:crypto";
import type { AnalysisDocument, DocumentSection } from "../types.ts";
import { stripInlineMarkdown } from "./inline-markdown.ts";
import { parseMarkdownBlocks, type MarkdownBlock } from "./markdown-blocks.ts";
import { splitSentences } from "./sentences.ts";
import { contentTerms, tokenize } from "./tokenize.ts";

/** A sentence of prose and where it stands in its document. */
export interface ProseSentence {
  /** The sentence with inline markup reduced (inline code keeps its backticks). */
  text: string;
  /** Lowercase words. */
  words: string[];
  /** Content terms, folded to singular. */
  terms: string[];
  kind: "paragraph" | "quote" | "list-item";
  sectionIndex: number;
  /** Index of the block holding the sentence within its section's blocks. */
  blockIndex: number;
  /** 0-based position among all sentences of the document. */
  position: number;
  /** 0-based position among the sentences of its section. */
  sectionPosition: number;
}

/** A section cut into blocks and sentences. */
export interface PreparedSection extends DocumentSection {
  index: number;
  blocks: MarkdownBlock[];
  sentences: ProseSentence[];
}

/** A document ready for the extractive questions. */
export interface PreparedDocument {
  document: AnalysisDocument;
  sections: PreparedSection[];
  /** Every prose sentence in document order. */
  sentences: ProseSentence[];
}

/** Parses every section of a document into blocks and prose sentences. */
export function prepareDocument(document: AnalysisDocument): PreparedDocument {
  // summarize, topics and every synthesis that cites the document prepare the same text: do it once.
  const key = `${document.id}:${document.title}:${createHash("sha256").update(document.markdown).digest("hex")}`;
  const cached = preparedCache.get(key);
  if (cached) return cached;
  const prepared = buildPreparedDocument(document);
  preparedCache.set(key, prepared);
  if (preparedCache.size > PREPARED_CACHE_SIZE) preparedCache.delete(preparedCache.keys().next().value!);
  return prepared;
}

const PREPARED_CACHE_SIZE = 128;
const preparedCache = new Map<string, PreparedDocument>();

function buildPreparedDocument(document: AnalysisDocument): PreparedDocument {
  const sourceSections: DocumentSection[] =
    document.sections.length > 0 ? document.sections : [{ heading: "", level: 0, anchor: "", markdown: document.markdown }];
  const sentences: ProseSentence[] = [];
  const sections = sourceSections.map((section, sectionIndex): PreparedSection => {
    const blocks = parseMarkdownBlocks(section.markdown);
    const sectionSentences: ProseSentence[] = [];
    blocks.forEach((block, blockIndex) => {
      if (block.kind !== "paragraph" && block.kind !== "quote" && block.kind !== "list-item") return;
      for (const text of splitSentences(stripInlineMarkdown(block.text))) {
        const sentence: ProseSentence = {
          text,
          words: tokenize(text),
          terms: contentTerms(text),
          kind: block.kind,
          sectionIndex,
          blockIndex,
          position: sentences.length,
          sectionPosition: sectionSentences.length,
        };
        sectionSentences.push(sentence);
        sentences.push(sentence);
      }
    });
    return { ...section, index: sectionIndex, blocks, sentences: sectionSentences };
  });
  return { document, sections, sentences };
}

/** The heading to show for a section: its own, or the document title for the preamble. */
export function sectionTitle(prepared: PreparedDocument, section: PreparedSection): string {
  return section.heading !== "" ? stripInlineMarkdown(section.heading) : prepared.document.title;
}
