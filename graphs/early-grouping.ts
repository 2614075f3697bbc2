/**
 * relate asks the analyser which topic names mean the same (synonymGroups) once every batch is analysed, and every
 * synthesis waits for that answer: one more LLM latency on the run's critical path. The question needs only the topic
 * answers, and topic is the first of each batch's two questions (prefix-order.ts), so the topic answers are all in
 * while the last summarize answers are still coming. The last topic task of the analysis step therefore asks relate's
 * question then, through the same cached call with the names relate will compute; relate waits for it and finds the
 * answer cached. Whatever this misses (a resumed run, split documents, a document whose summarize later fails and so
 * changes the names) only means relate asks itself, as before.
 */
import type { LlmTrace } from "../src/tracing.ts";
import type { DocumentTopics } from "../src/types.ts";
import { candidateNames, collectTopicCandidates } from "../src/topic-candidates.ts";
import { answerCacheKey } from "./analyse-batch.ts";
import { synonymGroups } from "./merge-topics.ts";
import type { Services } from "./services.ts";

/** What the early question is asked about: the documents relate will read, in its order, under one context. */
export interface EarlyGroupingPlan {
  /** Documents relate will consider (extracted, not split), in the order of the index. */
  documents: Array<{ id: string; contentHash: string }>;
  contextHash: string;
  /** Batches the analysis step runs; the question goes out when the last of them has its topic answers. */
  batchIds: string[];
  /** relate's threshold (configuration.topicMergeThreshold). */
  threshold: number;
}

/** Early synonym questions of the runs of one process, by thread id. */
export interface EarlyGrouping {
  /** planBatches: the analysis step about to run. */
  plan(thread: string, plan: EarlyGroupingPlan): void;
  /** topic: the batch's topic answers are stored (or failed). The last one asks the question, without waiting for it. */
  topicsDone(thread: string, batchId: string, services: Services, trace: (nameCount: number) => LlmTrace): void;
  /** relate: settles once a question asked early has been answered (or has failed); at once when none was asked. */
  settled(thread: string): Promise<void>;
}

/** The early questions of one process. */
export function createEarlyGrouping(): EarlyGrouping {
  const plans = new Map<string, { plan: EarlyGroupingPlan; waiting: Set<string> }>();
  const asked = new Map<string, Promise<void>>();
  return {
    plan(thread, plan) {
      asked.delete(thread);
      plans.set(thread, { plan, waiting: new Set(plan.batchIds) });
    },
    topicsDone(thread, batchId, services, trace) {
      const entry = plans.get(thread);
      if (!entry || !entry.waiting.delete(batchId) || entry.waiting.size > 0) return;
      plans.delete(thread);
      // Not awaited: the step's summarize calls go on meanwhile. A failure leaves the question to relate.
      const question = ask(entry.plan, services, trace).catch(() => undefined);
      asked.set(thread, question);
    },
    async settled(thread) {
      const question = asked.get(thread);
      asked.delete(thread);
      // A step that did not finish every topic task here (a resumed run) leaves its plan: relate is past it either way.
      plans.delete(thread);
      await question;
    },
  };
}

// The names relate will ask about, from the stored topic answers, then the question itself (cached by those names).
async function ask(plan: EarlyGroupingPlan, services: Services, trace: (nameCount: number) => LlmTrace): Promise<void> {
  const { store, analyser } = services;
  const documents: Array<{ id: string; topics: DocumentTopics["topics"] }> = [];
  for (const document of plan.documents) {
    const hash = store.getCached(answerCacheKey({ analyser, question: "topic", contentHash: document.contentHash, contextHash: plan.contextHash }));
    const answer = hash ? store.get<DocumentTopics>(hash) : undefined;
    if (answer) documents.push({ id: document.id, topics: answer.topics });
  }
  const names = candidateNames(collectTopicCandidates({ documents }));
  // No plan is made under --no-cache (planBatches), so the cache is read as relate will read it.
  await synonymGroups({ analyser, names, threshold: plan.threshold, cache: { store, read: true }, trace: trace(names.length) });
}
