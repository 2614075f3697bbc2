import type { Runtime } from "@langchain/langgraph";
import { type AnalysisTask, analyseBatch } from "../analyse-batch.ts";
import { analysisUpdate } from "../analysis-update.ts";
import { prefixKey } from "../prefix-order.ts";
import { resolveRuntime } from "../services.ts";
import type { Update } from "../state.ts";
import { batchTrace } from "../trace.ts";

/** Names the topics of each document of one batch; runs beside summarize on the same batch, asking after it. */
export async function topic(task: AnalysisTask, runtime: Runtime): Promise<Update> {
  const { services } = resolveRuntime(runtime);
  const trace = batchTrace({ runtime, question: "topic", batchId: task.batchId, batchSize: task.documents.length });
  // After summarize of the same batch was answered: the provider has then cached the prefix both prompts share.
  await services.prefixOrder.after(prefixKey(task));
  const outcome = await analyseBatch({ question: "topic", task, services, trace, ...(runtime.signal ? { signal: runtime.signal } : {}) });
  return analysisUpdate({ question: "topic", task, outcome });
}
