import type { Runtime } from "@langchain/langgraph";
import { type AnalysisTask, analyseBatch } from "../analyse-batch.ts";
import { analysisUpdate } from "../analysis-update.ts";
import { prefixKey } from "../prefix-order.ts";
import { resolveRuntime } from "../services.ts";
import type { Update } from "../state.ts";
import { batchTrace, relateTrace, runIdOf } from "../trace.ts";

/**
 * Names the topics of each document of one batch; runs beside summarize on the same batch, which asks after it. The
 * last topic task of the analysis step asks relate's synonym question early (early-grouping.ts).
 */
export async function topic(task: AnalysisTask, runtime: Runtime): Promise<Update> {
  const { services } = resolveRuntime(runtime);
  const trace = batchTrace({ runtime, question: "topic", batchId: task.batchId, batchSize: task.documents.length });
  // Summarize of the same batch waits for this, so its identical prefix is in the provider's cache when it asks.
  const outcome = await services.prefixOrder.first(prefixKey(task), () => analyseBatch({ question: "topic", task, services, trace, ...(runtime.signal ? { signal: runtime.signal } : {}) }));
  const thread = runIdOf(runtime);
  if (thread !== undefined) services.earlyGrouping?.topicsDone(thread, task.batchId, services, (nameCount) => relateTrace({ runtime, nameCount }));
  return analysisUpdate({ question: "topic", task, outcome });
}
