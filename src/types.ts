/** Shared data shapes of document-it. Everything here is plain JSON so it can be stored and checkpointed. */
import type { LlmTrace } from "./tracing.ts";

/** One link of the documentation index (an llms.txt file list item, or a file of a markdown folder). */
export interface IndexEntry {
  /** Stable id of the document: a short hash of its normalised URL. */
  id: string;
  /** Absolute URL (http(s) or file:) of the document. */
  url: string;
  /** Link text, or the page title for a folder source. */
  title: string;
  /** Notes after the link, when the index gives any. */
  description?: string;
  /** Name of the H2 section (or folder) that lists the document. */
  section: string;
  /** True for documents of the `## Optional` section. */
  optional: boolean;
}

/** The parsed documentation index the run works from. */
export interface DocumentIndex {
  /** Where the index came from (URL or absolute file/folder path). */
  source: string;
  /** The H1 title. */
  title: string;
  /** The blockquote summary right after the title. */
  summary?: string;
  /** Markdown between the summary and the first H2 section. */
  details?: string;
  /** Every document link, in index order, without duplicates. */
  entries: IndexEntry[];
}

/** One part of a document, cut at a heading. */
export interface DocumentSection {
  /** Heading text ("" for the text before the first heading). */
  heading: string;
  /** Heading level 1–6 (0 for the preamble). */
  level: number;
  /** GitHub-style anchor of the heading, unique within the document. */
  anchor: string;
  /** Markdown of the section, heading line excluded. */
  markdown: string;
}

/** A fenced code block found in a document. */
export interface CodeBlock {
  /** Language from the fence info string ("" when none). */
  language: string;
  /** The code, without fences. */
  code: string;
  /** Anchor of the section holding the block. */
  anchor: string;
}

/** Everything extract learns from a document; stored in the content store, never in graph state. */
export interface ExtractedDocument {
  id: string;
  url: string;
  /** Title from the first H1 of the page, else the index link text. */
  title: string;
  /** The whole document as markdown. */
  markdown: string;
  sections: DocumentSection[];
  codeBlocks: CodeBlock[];
  /** Links (absolute URLs, fragments stripped) found in the document. */
  links: string[];
  /** Tokens of `markdown` (o200k_base). */
  tokens: number;
}

/** Where a statement or item came from inside a document. */
export interface SourceReference {
  /** Heading text of the section ("" for the preamble). */
  heading: string;
  /** Anchor of that section. */
  anchor: string;
}

/** A key concept of a document. */
export interface Concept extends SourceReference {
  name: string;
  description: string;
  /** 1 (minor) to 10 (central). */
  importance: number;
}

/** What to do, in steps. */
export interface ImplementationNote extends SourceReference {
  title: string;
  steps: string[];
}

/** A reusable code pattern. */
export interface CodePattern extends SourceReference {
  name: string;
  language: string;
  code: string;
  whenToUse: string;
}

/** The answer to the summarize question for one document. */
export interface DocumentSummary {
  documentId: string;
  summary: string;
  concepts: Concept[];
  implementationNotes: ImplementationNote[];
  codePatterns: CodePattern[];
}

/** A topic a document is about, as the topic question names it. */
export interface TopicMention extends SourceReference {
  name: string;
  /** 0–1: how much of the document is about it. */
  relevance: number;
}

/** The answer to the topic question for one document. */
export interface DocumentTopics {
  documentId: string;
  topics: TopicMention[];
}

/** A document handed to an analyser: its text comes from the content store. */
export interface AnalysisDocument {
  id: string;
  url: string;
  title: string;
  section: string;
  markdown: string;
  sections: DocumentSection[];
  codeBlocks: CodeBlock[];
}

/** The product context every prompt starts with. */
export interface GlobalContext {
  /** Increases each time relate adds to it. */
  version: number;
  name: string;
  description: string;
  /** Markdown details from the index. */
  details: string;
  features: Array<{ name: string; description: string; importance: number; source: string }>;
  terminology: Array<{ term: string; definition: string; source: string }>;
  /** How each version came about, oldest first. */
  history: Array<{ version: number; by: string; added: string[] }>;
  /** The problem the product solves (an LLM's buildContext fills it). */
  purpose?: string;
  /** Who uses the product (an LLM's buildContext fills it). */
  audience?: string;
  /** How well the sources supported the context: 0–1 and why. */
  confidence?: { score: number; reason: string };
}

/** A topic after relate merged names across documents. */
export interface Topic {
  /** Stable id: slug of the canonical name. */
  id: string;
  name: string;
  /** Every spelling that was merged into it. */
  aliases: string[];
  /** Documents about it, most relevant first. */
  documentIds: string[];
  /** Sum of relevance over its documents. */
  weight: number;
  /** Other topics sharing documents with it, strongest first. */
  relatedTopicIds: string[];
}

/** A cited statement: `citations` are 1-based indexes into the guideline's `sources`. */
export interface Statement {
  text: string;
  citations: number[];
}

/** A source a guideline cites. */
export interface CitedSource extends SourceReference {
  /** 1-based number used in `[n]`. */
  number: number;
  documentId: string;
  url: string;
  title: string;
}

/** Input of the synthesize question for one topic. */
export interface SynthesisInput {
  context: GlobalContext;
  topic: Topic;
  /** The related topics' names, for the "related" part. */
  relatedTopics: Array<{ id: string; name: string }>;
  sources: Array<{ document: AnalysisDocument; summary: DocumentSummary; topics: DocumentTopics }>;
  /** How the LLM call shows in a trace. */
  trace?: LlmTrace;
}

/** The guideline for one topic. */
export interface TopicGuideline {
  topicId: string;
  name: string;
  overview: Statement[];
  whenToUse: Statement[];
  steps: Statement[];
  code: Array<{ title: string; language: string; code: string; citations: number[] }>;
  pitfalls: Statement[];
  relatedTopicIds: string[];
  sources: CitedSource[];
  /** What checking the citations removed: numbers outside `sources`, and statements left with no citation. */
  citationCheck?: { removedCitations: number; removedStatements: number };
}

/** Status of one document in a run. */
export type DocumentStatus = "pending" | "extracted" | "analysed" | "failed" | "skipped";

/** Which stage a failure happened in. */
export type FailureStage = "fetch" | "extract" | "summarize" | "topic" | "synthesize";

/** Small per-document record kept in graph state (no text). */
export interface DocumentRecord {
  id: string;
  url: string;
  title: string;
  section: string;
  optional: boolean;
  /** Output file name stem, unique within the run. */
  slug: string;
  status: DocumentStatus;
  /** sha256 of the extracted document in the content store. */
  contentHash?: string;
  tokens?: number;
  sectionCount?: number;
  codeBlockCount?: number;
  /** sha256 keys of the stored analyses. */
  summaryHash?: string;
  topicsHash?: string;
  /** Ids of the topics relate linked the document to. */
  topicIds?: string[];
  /** Ids of documents it links to or shares topics with, strongest first. */
  relatedDocumentIds?: string[];
  failure?: { stage: FailureStage; reason: string };
  /** This run answers its analysis and the topics it feeds again instead of reading the LLM result cache (--force, --no-cache). */
  refresh?: boolean;
}

export type { RecordedStage, ReportInput, RunManifest, StageTimings } from "./run-types.ts";
export type { Analyser, AnalyserQuestion, BatchInput, BatchPromptTokens, ContextInput, TopicMergeInput } from "./analyser-types.ts";
