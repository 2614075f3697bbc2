import type { Runtime } from "@langchain/langgraph";
import type { DocumentRecord } from "../../src/types.ts";
import { type AnalysisOutcome, type AnalysisTask, analyseBatch } from "../analyse-batch.ts";
import { resolveRuntime } from "../services.ts";
import type { Update } from "../state.ts";
import { batchTrace } from "../trace.ts";

/** Turns an analysis outcome into document record changes for the field the question fills. */
export function outcomeToRecords(outcome: AnalysisOutcome, field: "summaryHash" | "topicsHash", stage: "summarize" | "topic"): Record<string, Partial<DocumentRecord> & { id: string }> {
  return Object.fromEntries(
    Object.entries(outcome).map(([id, result]) => [id, "hash" in result ? { id, [field]: result.hash } : { id, status: "failed" as const, failure: { stage, reason: result.failure } }]),
  );
}

/** Summarizes one batch: summary, concepts, implementation notes and code patterns per document. */
export async function summarize(task: AnalysisTask, runtime: Runtime): Promise<Update> {
  const { services } = resolveRuntime(runtime);
  const trace = batchTrace({ runtime, question: "summarize", batchId: task.batchId, batchSize: task.documents.length });
  const outcome = await analyseBatch({ question: "summarize", task, services, trace });
  return { documents: outcomeToRecords(outcome, "summaryHash", "summarize") };
}
