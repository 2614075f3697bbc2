import type { FailureStage } from "./types.ts";

/** Progress events a run emits, in order; the CLI prints them, tests count them. */
export type RunEvent =
  | { type: "provider"; provider: string; model: string; reason: string }
  | { type: "stage"; stage: string; phase: "start" | "end"; count?: number }
  | { type: "document"; documentId: string; url: string; status: "extracted" | "failed"; stage?: FailureStage; reason?: string }
  | { type: "analysis"; question: "summarize" | "topic" | "synthesize"; ids: string[]; cached: boolean }
  | { type: "analysis-failed"; question: "context" | "summarize" | "topic" | "synthesize" | "relate"; ids: string[]; reason: string };
