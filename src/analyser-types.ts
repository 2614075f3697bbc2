/** The analyser contract: the questions every provider answers (local and LLM), and their inputs. */
import type { LandingPage } from "./landing-page.ts";
import type { LlmTrace } from "./tracing.ts";
import type { AnalysisDocument, DocumentIndex, DocumentSummary, DocumentTopics, GlobalContext, IndexEntry, SynthesisInput, TopicGuideline } from "./types.ts";

/** Input of the buildContext question: the documentation index and, when there is one, the landing page. */
export interface ContextInput {
  index: Omit<DocumentIndex, "entries"> & { entries?: IndexEntry[] };
  /** The index file's own text (llms.txt), when the source had one. */
  indexText?: string;
  /** The landing page as markdown (what an LLM reads) and as readLandingPage reads it (what the local analyser quotes). */
  landingPage?: { url: string; title?: string; markdown: string; page?: LandingPage };
  /** How the LLM call shows in a trace. */
  trace?: LlmTrace;
}

/** Input of the summarize and topic questions: one batch of documents. */
export interface BatchInput {
  context: GlobalContext;
  documents: AnalysisDocument[];
  /** How the LLM call shows in a trace. */
  trace?: LlmTrace;
}

/** The questions an LLM analyser asks; names used in cache keys and usage reports. */
export type AnalyserQuestion = "context" | "summarize" | "topic" | "synthesize" | "relate";

/** Input of mergeTopics: the distinct topic names left after the deterministic merge, sorted. */
export interface TopicMergeInput {
  names: string[];
  /** How the LLM call shows in a trace. */
  trace?: LlmTrace;
}

/** Prompt tokens of a summarize or topic batch besides the documents' markdown. */
export interface BatchPromptTokens {
  /** Once per batch: instructions, the context, the answer format. */
  fixed: number;
  /** For each document: its fence and its id in the question. */
  perDocument(document: { id: string; url: string; title: string }): number;
}

/** The questions an analyser answers. The `local` provider and LLM providers implement the same shape. */
export interface Analyser {
  /** Provider name, e.g. "local" or "openai". */
  readonly provider: string;
  /** Model name; enters cache keys. */
  readonly model: string;
  /** True when the output quotes the sources instead of writing new text. */
  readonly extractive: boolean;
  summarize(input: BatchInput): Promise<DocumentSummary[]>;
  topics(input: BatchInput): Promise<DocumentTopics[]>;
  synthesize(input: SynthesisInput): Promise<TopicGuideline>;
  /** Builds the version-1 global context from the index and landing page; absent when the provider cannot. */
  buildContext?(input: ContextInput): Promise<GlobalContext>;
  /**
   * Groups topic names that mean the same thing (synonyms the deterministic merge cannot see); each group
   * lists names from `input.names`. Absent when the provider cannot (the local analyser keeps the deterministic merge).
   */
  mergeTopics?(input: TopicMergeInput): Promise<string[][]>;
  /** What a summarize or topic prompt costs besides its documents' markdown; absent when the analyser sends no prompt. */
  batchPromptTokens?(context: GlobalContext): BatchPromptTokens;
  /**
   * Per question, a string that changes whenever its answers may change (prompt versions and text, answer
   * schema, the model answering it); put it into cache keys. Absent for providers whose `model` says it all.
   */
  readonly answerVersions?: Readonly<Record<AnalyserQuestion, string>>;
}
