import type { Runtime } from "@langchain/langgraph";
import { type AnalysisTask, analyseBatch } from "../analyse-batch.ts";
import { analysisUpdate } from "../analysis-update.ts";
import { prefixKey } from "../prefix-order.ts";
import { resolveRuntime } from "../services.ts";
import type { Update } from "../state.ts";
import { batchTrace } from "../trace.ts";

/** Summarizes one batch: summary, concepts, implementation notes and code patterns per document. */
export async function summarize(task: AnalysisTask, runtime: Runtime): Promise<Update> {
  const { services } = resolveRuntime(runtime);
  const trace = batchTrace({ runtime, question: "summarize", batchId: task.batchId, batchSize: task.documents.length });
  // Topic of the same batch waits for this, so its identical prefix is in the provider's cache when it asks.
  const outcome = await services.prefixOrder.first(prefixKey(task), () => analyseBatch({ question: "summarize", task, services, trace, ...(runtime.signal ? { signal: runtime.signal } : {}) }));
  return analysisUpdate({ question: "summarize", task, outcome });
}
