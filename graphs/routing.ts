import { Send } from "@langchain/langgraph";
import { partId } from "../src/split-document.ts";
import type { AnalysisTask } from "./analyse-batch.ts";
import type { ExtractTask } from "./nodes/extract.ts";
import type { ContextTask } from "./nodes/global-context.ts";
import type { SynthesisTask } from "./nodes/synthesize.ts";
import type { State } from "./state.ts";

/**
 * The context (unless built already, as when failed documents are retried) beside one extract task per document that
 * has not been extracted yet (so a resumed or replayed run skips finished ones). The context is sent first, so its landing
 * page is fetched before the documents queue on the same host.
 */
export function routeToExtract(state: State): Send[] | "planBatches" {
  const pending = state.entries.filter((entry) => state.documents[entry.id]?.status === "pending");
  const context = state.contextHash || !state.index ? [] : [new Send("globalContext", { source: state.source, index: state.index } satisfies ContextTask)];
  const next = [...context, ...pending.map((entry) => new Send("extract", { entry } satisfies ExtractTask))];
  return next.length > 0 ? next : "planBatches";
}

/** Each batch goes to summarize and to topic: two parallel branches over the same documents (and parts of documents). */
export function routeToAnalysis(state: State): Send[] | "relate" {
  if (state.batches.length === 0 || !state.contextHash) return "relate";
  const parts = new Map(Object.entries(state.splits).flatMap(([documentId, hashes]) => hashes.map((contentHash, index) => [partId(documentId, index + 1), { documentId, contentHash }] as const)));
  return state.batches.flatMap((batch) => {
    const task: AnalysisTask = {
      batchId: batch.id,
      contextHash: state.contextHash!,
      documents: batch.documentIds.map((id) => {
        const part = parts.get(id);
        const refresh = state.documents[part?.documentId ?? id]!.refresh ? { refreshSince: refreshSince(state) } : {};
        if (part) return { id, contentHash: part.contentHash, section: state.documents[part.documentId]!.section, partOf: part.documentId, ...refresh };
        return { id, contentHash: state.documents[id]!.contentHash!, section: state.documents[id]!.section, ...refresh };
      }),
    };
    return [new Send("summarize", task), new Send("topic", task)];
  });
}

/** One synthesize task per topic, with the stored hashes of its source documents. */
export function routeToSynthesis(state: State): Send[] | "report" {
  const contextHash = state.synthesisContextHash ?? state.contextHash;
  if (state.topics.length === 0 || !contextHash) return "report";
  const names = new Map(state.topics.map((topic) => [topic.id, topic.name]));
  return state.topics.map((topic) => {
    const task: SynthesisTask = {
      topic,
      relatedTopics: topic.relatedTopicIds.map((id) => ({ id, name: names.get(id) ?? id })),
      contextHash,
      sources: topic.documentIds.map((documentId) => {
        const record = state.documents[documentId]!;
        return { documentId, section: record.section, contentHash: record.contentHash!, summaryHash: record.summaryHash!, topicsHash: record.topicsHash! };
      }),
      // A refreshed source (--force, --no-cache) refreshes the topics it feeds, even when its answers came out the same.
      ...(topic.documentIds.some((documentId) => state.documents[documentId]?.refresh) ? { refreshSince: refreshSince(state) } : {}),
    };
    return new Send("synthesize", task);
  });
}

/**
 * A refreshed document's (--force, --no-cache) answers count only when cached since the run began (discover's start,
 * checkpointed), so a resume reuses them.
 */
export function refreshSince(state: State): number {
  return state.timings.discover?.start ?? 0;
}
