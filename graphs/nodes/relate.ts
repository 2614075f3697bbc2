import type { Runtime } from "@langchain/langgraph";
import { relateDocuments } from "../../src/relate.ts";
import { candidateNames, collectTopicCandidates } from "../../src/topic-candidates.ts";
import { topicKey, topicTitle } from "../../src/topic-names.ts";
import { readDocumentOutline } from "../../src/document-outline.ts";
import type { DocumentSummary, DocumentTopics, GlobalContext } from "../../src/types.ts";
import { synonymGroups } from "../merge-topics.ts";
import { reusedGuidelines } from "./synthesize.ts";
import { relateTrace, runIdOf } from "../trace.ts";
import { type ContextUpdate, type DocumentChange, mergeContext } from "../reducers.ts";
import { synthesisTasks } from "../routing.ts";
import { reportAnalysisFailure, resolveRuntime, throwIfInterrupted } from "../services.ts";
import type { State, Update } from "../state.ts";

/**
 * The join: marks documents analysed, merges topics across documents (by spelling; by meaning too when the
 * analyser can and the topic list is long), links documents, and proposes context additions.
 */
export async function relate(state: State, runtime: Runtime): Promise<Update> {
  const { configuration, services } = resolveRuntime(runtime);
  const { store } = services;
  const start = services.now();
  const changes: Record<string, DocumentChange> = {};
  const analysed: Array<{ id: string; url: string; links: string[]; topics: DocumentTopics; summary: DocumentSummary }> = [];
  for (const entry of state.entries) {
    const record = state.documents[entry.id];
    if (!record || record.status !== "extracted") continue;
    const document = record.contentHash ? readDocumentOutline({ store, contentHash: record.contentHash }) : undefined;
    const topics = record.topicsHash ? store.get<DocumentTopics>(record.topicsHash) : undefined;
    const summary = record.summaryHash ? store.get<DocumentSummary>(record.summaryHash) : undefined;
    if (!document || !topics || !summary) {
      changes[entry.id] = { id: entry.id, status: "failed", failure: { stage: summary ? "topic" : "summarize", reason: "analysis result missing from the content store" } };
      continue;
    }
    analysed.push({ id: entry.id, url: document.url, links: document.links, topics, summary });
  }
  const documents = analysed.map(({ id, url, links, topics }) => ({ id, url, links, topics: topics.topics }));
  const candidates = collectTopicCandidates({ documents });
  const names = candidateNames(candidates);
  // The last topic task may have asked this already (early-grouping.ts): its answer is then in the cache.
  const thread = runIdOf(runtime);
  if (thread !== undefined) await services.earlyGrouping?.settled(thread);
  const synonyms = await synonymGroups({
    analyser: services.analyser,
    names,
    threshold: configuration.topicMergeThreshold,
    trace: relateTrace({ runtime, nameCount: names.length }),
    cache: { store, read: !configuration.noCache },
    onFailure: reportAnalysisFailure(runtime, services, "relate"),
  });
  throwIfInterrupted(runtime);
  const relations = relateDocuments({ documents, maxTopics: configuration.maxTopics, synonyms, candidates });
  for (const { id } of analysed) changes[id] = { id, status: "analysed", topicIds: relations.documentTopics[id] ?? [], relatedDocumentIds: relations.relatedDocuments[id] ?? [] };
  const additions: ContextUpdate = { additions: { features: [], terminology: sharedTerminology(analysed, state.context) }, by: "relate (concepts shared by two or more documents)" };
  const nextContext = mergeContext(state.context, additions);
  const synthesisContextHash = nextContext ? store.put(nextContext) : state.synthesisContextHash;
  // Guidelines cached for exactly the tasks the topics will have: recorded here, so only the others are sent.
  const guidelines = reusedGuidelines(synthesisTasks({ ...state, topics: relations.topics, synthesisContextHash }), services);
  services.onEvent?.({ type: "stage", stage: "relate", phase: "end", count: relations.topics.length });
  const reused = Object.keys(guidelines);
  if (reused.length > 0) services.onEvent?.({ type: "analysis", question: "synthesize", ids: reused, cached: true });
  return {
    ...(nextContext ? { synthesisContextHash } : {}),
    documents: changes,
    topics: relations.topics,
    context: additions,
    ...(reused.length > 0 ? { guidelines } : {}),
    timings: { relate: { start, end: services.now() } },
  };
}

// Concepts that two or more documents name are product terminology the index did not state.
function sharedTerminology(analysed: Array<{ url: string; summary: DocumentSummary }>, context: GlobalContext | undefined): GlobalContext["terminology"] {
  const byKey = new Map<string, { count: number; definition: string; importance: number; source: string }>();
  for (const { url, summary } of analysed) {
    const seen = new Set<string>();
    for (const concept of summary.concepts) {
      const key = topicKey(concept.name);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const known = byKey.get(key);
      if (!known) byKey.set(key, { count: 1, definition: concept.description, importance: concept.importance, source: url });
      else {
        known.count += 1;
        if (concept.importance > known.importance) Object.assign(known, { definition: concept.description, importance: concept.importance, source: url });
      }
    }
  }
  const productKey = topicKey(context?.name ?? "");
  return [...byKey.entries()]
    .filter(([key, value]) => value.count >= 2 && key !== productKey)
    .sort((a, b) => b[1].count - a[1].count || b[1].importance - a[1].importance || (a[0] < b[0] ? -1 : 1))
    .slice(0, 20)
    .map(([key, value]) => ({ term: topicTitle(key), definition: value.definition, source: value.source }));
}
