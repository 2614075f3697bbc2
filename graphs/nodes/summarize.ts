import type { Runtime } from "@langchain/langgraph";
import { type AnalysisTask, analyseBatch } from "../analyse-batch.ts";
import { analysisUpdate } from "../analysis-update.ts";
import { prefixKey } from "../prefix-order.ts";
import { resolveRuntime } from "../services.ts";
import type { Update } from "../state.ts";
import { batchTrace } from "../trace.ts";

/** Summarizes one batch: summary, concepts, implementation notes and code patterns per document; asks after topic. */
export async function summarize(task: AnalysisTask, runtime: Runtime): Promise<Update> {
  const { services } = resolveRuntime(runtime);
  const trace = batchTrace({ runtime, question: "summarize", batchId: task.batchId, batchSize: task.documents.length });
  // After topic of the same batch was answered: the provider has then cached the prefix both prompts share.
  await services.prefixOrder.after(prefixKey(task));
  const outcome = await analyseBatch({ question: "summarize", task, services, trace, ...(runtime.signal ? { signal: runtime.signal } : {}) });
  return analysisUpdate({ question: "summarize", task, outcome });
}
