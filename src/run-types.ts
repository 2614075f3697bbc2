/** Shapes of a finished run: its manifest (run.json) and what the report renders. Plain JSON. */
import type { RunCost } from "./prices/run-cost.ts";
import type { DocumentIndex, DocumentRecord, DocumentStatus, DocumentSummary, DocumentTopics, ExtractedDocument, FailureStage, GlobalContext, Topic, TopicGuideline } from "./types.ts";

/** Stages whose start and end the graph state records (the nodes that are not fanned out). */
export type RecordedStage = "discover" | "context" | "planBatches" | "relate" | "report";

/**
 * Wall time per stage, in milliseconds. Fanned-out stages (extract, analyse = summarize ║ topic, synthesize) are
 * measured between the nodes around them, so branches write no timing into checkpoints.
 */
export type StageTimings = Partial<Record<RecordedStage | "extract" | "analyse" | "synthesize", number>>;

/** The run manifest written as run.json. Never holds a secret. */
export interface RunManifest {
  /** Version of this manifest's shape. */
  schemaVersion: number;
  runId: string;
  /** document-it's version. */
  version: string;
  source: string;
  startedAt: string;
  finishedAt: string;
  /** "completed" when every document was analysed, "stopped-at-cost-limit" when --max-cost left work undone (resumable), "completed-with-failures" otherwise. */
  status: "completed" | "completed-with-failures" | "stopped-at-cost-limit";
  provider: string;
  model: string;
  extractive: boolean;
  /** The options the run used (no secrets). */
  config: Record<string, unknown>;
  coverage: { total: number; analysed: number; failed: number; skipped: number };
  documents: Array<{
    id: string;
    url: string;
    title: string;
    slug: string;
    status: DocumentStatus;
    tokens?: number;
    contentHash?: string;
    failure?: { stage: FailureStage; reason: string };
    /** USD: this document's share of the summarize and topic calls it was asked in (by its tokens). */
    costUsd?: number;
  }>;
  topics: Array<{ id: string; name: string; documentCount: number; status: "synthesized" | "failed"; failure?: string }>;
  /** Wall time per stage, summed over its branches' spans (first start to last end). */
  timings: StageTimings;
  /** LLM token usage per question, summed over every process of the run (absent for the local analyser). */
  usage?: Record<string, { calls: number; inputTokens: number; outputTokens: number; cachedInputTokens: number }>;
  /** What the LLM calls of every process of the run cost: total, per node, per document and per topic (absent for the local analyser). */
  cost?: RunCost;
  /** Citations removed because they pointed outside their topic's sources, and statements left without one. */
  citations?: { removedCitations: number; removedStatements: number };
  /** Per question, the prompt versions, answer schema and model behind its answers (absent for the local analyser, which has no prompts). */
  promptVersions?: Record<string, string>;
}

/** What the report shows of an extracted document; a whole ExtractedDocument fits too. */
export type ReportDocument = Pick<ExtractedDocument, "title"> & { sections: Array<Pick<ExtractedDocument["sections"][number], "heading" | "level" | "anchor">> };

/** Everything the report renders; assembled from graph state and the content store. */
export interface ReportInput {
  manifest: RunManifest;
  index: Omit<DocumentIndex, "entries">;
  context: GlobalContext;
  documents: Array<{
    record: DocumentRecord;
    /** Present when extraction succeeded: its title and headings (the report shows no document text). */
    document?: ReportDocument;
    summary?: DocumentSummary;
    topics?: DocumentTopics;
  }>;
  topics: Topic[];
  guidelines: TopicGuideline[];
}
