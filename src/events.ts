import type { FailureStage } from "./types.ts";

/**
 * Progress events a run emits, in order; the CLI prints them (`--json`: one per line), tests count them.
 * `stage` end: `count` is the stage's result (discover: documents selected; planBatches: batches; relate: topics;
 * report: files) and `members` the documents and parts the analyse stage answers (those planBatches put in its
 * batches, and the documents whose answers were cached, announced as cached `analysis` events). `usage`: one LLM response,
 * with its cost by the price table (null when the model has no price).
 */
export type RunEvent =
  | { type: "provider"; provider: string; model: string; reason: string }
  | { type: "stage"; stage: string; phase: "start" | "end"; count?: number; members?: number }
  | { type: "document"; documentId: string; url: string; status: "extracted" | "failed"; stage?: FailureStage; reason?: string }
  | { type: "analysis"; question: "summarize" | "topic" | "synthesize"; ids: string[]; cached: boolean }
  | { type: "analysis-failed"; question: "context" | "summarize" | "topic" | "synthesize" | "relate"; ids: string[]; reason: string }
  | { type: "usage"; question: string; model: string; inputTokens: number; outputTokens: number; cachedInputTokens: number; costUsd: number | null };
