import { Send } from "@langchain/langgraph";
import { canonicalJson, sha256 } from "../src/hash.ts";
import { partId } from "../src/split-document.ts";
import type { AnalysisTask } from "./analyse-batch.ts";
import { EXTRACT_CHUNK, type ExtractTask } from "./nodes/extract.ts";
import type { ContextTask } from "./nodes/global-context.ts";
import type { SynthesisTask } from "./nodes/synthesize.ts";
import type { State } from "./state.ts";

/**
 * The context (unless built already, as when failed documents are retried) beside extract tasks of up to EXTRACT_CHUNK
 * documents each, over the documents not extracted yet (so a resumed or replayed run skips finished ones). The context
 * is sent first, so its landing page is fetched before the documents queue on the same host.
 */
export function routeToExtract(state: State): Send[] | "planBatches" {
  const pending = state.entries.filter((entry) => state.documents[entry.id]?.status === "pending");
  const context = state.contextHash || !state.index ? [] : [new Send("globalContext", { source: state.source, index: state.index } satisfies ContextTask)];
  const chunks = Array.from({ length: Math.ceil(pending.length / EXTRACT_CHUNK) }, (_, index) => pending.slice(index * EXTRACT_CHUNK, (index + 1) * EXTRACT_CHUNK));
  const next = [...context, ...chunks.map((entries) => new Send("extract", { entries } satisfies ExtractTask))];
  return next.length > 0 ? next : "planBatches";
}

/** Each batch goes to topic and to summarize: two parallel branches over the same documents (and parts of documents). */
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
    // Topic first: its answers are what relate's synonym question needs (see early-grouping.ts).
    return [new Send("topic", task), new Send("summarize", task)];
  });
}

/**
 * One synthesize task per topic that has no guideline for exactly this task yet: relate records the guidelines it
 * found cached, tagged with their task's fingerprint, so only the topics that miss the cache are sent.
 */
export function routeToSynthesis(state: State): Send[] | "report" {
  const pending = synthesisTasks(state).filter((task) => {
    const known = state.guidelines[task.topic.id];
    return !(known && "task" in known && known.task === synthesisTaskFingerprint(task));
  });
  return pending.length > 0 ? pending.map((task) => new Send("synthesize", task)) : "report";
}

/** The synthesize task of every topic, with the stored hashes of its source documents; none without a context. */
export function synthesisTasks(state: Pick<State, "topics" | "documents" | "contextHash" | "synthesisContextHash" | "timings">): SynthesisTask[] {
  const contextHash = state.synthesisContextHash ?? state.contextHash;
  if (!contextHash) return [];
  const names = new Map(state.topics.map((topic) => [topic.id, topic.name]));
  return state.topics.map((topic) => ({
    topic,
    relatedTopics: topic.relatedTopicIds.map((id) => ({ id, name: names.get(id) ?? id })),
    contextHash,
    sources: topic.documentIds.map((documentId) => {
      const record = state.documents[documentId]!;
      return { documentId, section: record.section, contentHash: record.contentHash!, summaryHash: record.summaryHash!, topicsHash: record.topicsHash! };
    }),
    // A refreshed source (--force, --no-cache) refreshes the topics it feeds, even when its answers came out the same.
    ...(topic.documentIds.some((documentId) => state.documents[documentId]?.refresh) ? { refreshSince: refreshSince(state) } : {}),
  }));
}

/** Everything a synthesize task holds, hashed: a guideline recorded for one task is not taken for another. */
export function synthesisTaskFingerprint(task: SynthesisTask): string {
  return sha256(canonicalJson(task)).slice(0, 16);
}

/**
 * A refreshed document's (--force, --no-cache) answers count only when cached since the run began (discover's start,
 * checkpointed), so a resume reuses them.
 */
export function refreshSince(state: Pick<State, "timings">): number {
  return state.timings.discover?.start ?? 0;
}
