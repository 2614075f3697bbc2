import type { LlmTrace } from "../src/tracing.ts";

/** What a node knows of its graph run: the thread id is the document-it run id (or the LangGraph server's thread). */
export interface TraceRuntime {
  configurable?: Record<string, unknown>;
  executionInfo?: { threadId?: string };
}

/** The thread of a graph run: the document-it run id, or the LangGraph server's thread. */
export function runIdOf(runtime: TraceRuntime): string | undefined {
  const runId = runtime.executionInfo?.threadId ?? runtime.configurable?.["thread_id"];
  return typeof runId === "string" ? runId : undefined;
}

/** The run id a trace is tagged with (`run:<id>`) and carries as metadata, when the thread has one. */
export function runTag(runtime: TraceRuntime): { tags: string[]; metadata: Record<string, string> } {
  const runId = runIdOf(runtime);
  return runId !== undefined ? { tags: [`run:${runId}`], metadata: { document_it_run_id: runId } } : { tags: [], metadata: {} };
}

/**
 * The trace of one summarize or topic call, per document ids asked: "summarize batch-3", or
 * "summarize batch-3 <document id>" when a document of the batch is asked alone after the batch call failed.
 */
export function batchTrace(options: { runtime: TraceRuntime; question: "summarize" | "topic"; batchId: string; batchSize: number }): (documentIds: string[]) => LlmTrace {
  const run = runTag(options.runtime);
  return (documentIds) => ({
    name: `${options.question} ${options.batchId}${documentIds.length < options.batchSize ? ` ${documentIds.join(" ")}` : ""}`,
    tags: [...run.tags, `batch:${options.batchId}`, ...documentIds.map((id) => `document:${id}`)],
    metadata: { ...run.metadata, batch_id: options.batchId, document_ids: documentIds },
  });
}

/** The trace of one synthesize call: "synthesize <topic id>", tagged with the topic and its source documents. */
export function topicTrace(options: { runtime: TraceRuntime; topicId: string; documentIds: string[] }): LlmTrace {
  const run = runTag(options.runtime);
  return {
    name: `synthesize ${options.topicId}`,
    tags: [...run.tags, `topic:${options.topicId}`, ...options.documentIds.map((id) => `document:${id}`)],
    metadata: { ...run.metadata, topic_id: options.topicId, document_ids: options.documentIds },
  };
}

/** The trace of the global context call of discover. */
export function contextTrace(options: { runtime: TraceRuntime }): LlmTrace {
  const run = runTag(options.runtime);
  return { name: "context", tags: [...run.tags, "context"], metadata: run.metadata };
}

/** The trace of relate's call that groups synonymous topic names. */
export function relateTrace(options: { runtime: TraceRuntime; nameCount: number }): LlmTrace {
  const run = runTag(options.runtime);
  return { name: "relate topic names", tags: [...run.tags, "relate"], metadata: { ...run.metadata, topic_name_count: options.nameCount } };
}
