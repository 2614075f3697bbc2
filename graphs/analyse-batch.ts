import { describeError } from "../src/errors.ts";
import { sha256 } from "../src/hash.ts";
import type { LlmTrace } from "../src/tracing.ts";
import type { AnalyserQuestion, Analyser, AnalysisDocument, DocumentSummary, DocumentTopics, ExtractedDocument, GlobalContext } from "../src/types.ts";
import { type Services, rethrowIfRunStops } from "./services.ts";

/** Version of the analysis output shapes; enters every cache key. */
export const ANALYSIS_SCHEMA_VERSION = 1;

/** The Send payload of summarize and topic: one batch. */
export interface AnalysisTask {
  batchId: string;
  contextHash: string;
  /**
   * Documents, or parts of a split document (`partOf` names the document). `refreshSince` (epoch ms, --force and
   * --no-cache): answers cached before it are not used, those cached since (by this run, before a resume) are.
   */
  documents: Array<{ id: string; contentHash: string; section: string; partOf?: string; refreshSince?: number }>;
}

/** Outcome per document: the stored answer's hash, or why it failed. */
export type AnalysisOutcome = Record<string, { hash: string } | { failure: string }>;

type Question = "summarize" | "topic";
type Item = AnalysisTask["documents"][number];
type Answer<Q extends Question> = Q extends "summarize" ? DocumentSummary : DocumentTopics;

/** Cache key of one document's answer: question, schema version, provider, model, content and context. */
export function analysisCacheKey(options: { question: string; provider: string; model: string; answerVersion?: string; contentHash: string; contextHash: string }): string {
  return sha256([options.question, ANALYSIS_SCHEMA_VERSION, options.provider, options.model, options.answerVersion ?? "", options.contentHash, options.contextHash].join("|"));
}

/** analysisCacheKey of `question` as `analyser` answers it: its provider, model and answer version. */
export function answerCacheKey(options: { analyser: Pick<Analyser, "provider" | "model" | "answerVersions">; question: AnalyserQuestion; contentHash: string; contextHash: string }): string {
  const { analyser, question } = options;
  return analysisCacheKey({ question, provider: analyser.provider, model: analyser.model, answerVersion: analyser.answerVersions?.[question], contentHash: options.contentHash, contextHash: options.contextHash });
}

/**
 * Answers one question for a batch: cached answers are reused, the rest go to the analyser in one call.
 * When the call fails, each document is retried alone so one bad document fails alone; a document missing
 * from an answer is retried alone too. Never throws for a document's failure; only what stops the run (rethrowIfRunStops).
 */
export async function analyseBatch<Q extends Question>(options: { question: Q; task: AnalysisTask; services: Services; trace?: (documentIds: string[]) => LlmTrace; signal?: AbortSignal }): Promise<AnalysisOutcome> {
  const { question, task, services } = options;
  const { store, analyser } = services;
  const outcome: AnalysisOutcome = {};
  const keyOf = (documentId: string) =>
    answerCacheKey({ analyser, question, contentHash: task.documents.find((item) => item.id === documentId)!.contentHash, contextHash: task.contextHash });
  let context: GlobalContext | undefined;
  const misses: Item[] = [];
  try {
    context = store.get<GlobalContext>(task.contextHash);
    if (!context) throw new Error(`global context ${task.contextHash} is missing from the content store`);
    for (const item of task.documents) {
      const cached = store.getCached(keyOf(item.id), item.refreshSince === undefined ? {} : { since: item.refreshSince });
      if (cached) outcome[item.id] = { hash: cached };
      else misses.push(item);
    }
  } catch (error) {
    for (const item of task.documents) outcome[item.id] ??= { failure: `${question}: ${describeError(error)}` };
    return outcome;
  }
  if (task.documents.length > misses.length) services.onEvent?.({ type: "analysis", question, ids: task.documents.filter((item) => !misses.some((miss) => miss.id === item.id)).map((item) => item.id), cached: true });
  if (misses.length === 0) return outcome;

  // Documents are read from the store once the call has its slot, so no more prompts than slots wait built in memory.
  const ask = async (items: Item[]): Promise<Array<Answer<Q>>> => {
    const answers = await services.analysisLimiter.run<unknown[]>(() => {
      const documents = items.map((item) => toAnalysisDocument(store.get<ExtractedDocument>(item.contentHash), item));
      const input = { context: context!, documents, ...(options.trace ? { trace: options.trace(documents.map((document) => document.id)) } : {}) };
      return question === "summarize" ? analyser.summarize(input) : analyser.topics(input);
    });
    return answers as Array<Answer<Q>>;
  };
  const record = (answers: Array<Answer<Q>>, documents: Item[]) => {
    const expected = new Set(documents.map((document) => document.id));
    const answered: string[] = [];
    for (const answer of answers) {
      if (!expected.has(answer.documentId) || outcome[answer.documentId]) continue;
      const hash = store.put(answer);
      store.setCached(keyOf(answer.documentId), hash);
      outcome[answer.documentId] = { hash };
      answered.push(answer.documentId);
    }
    if (answered.length > 0) services.onEvent?.({ type: "analysis", question, ids: answered, cached: false });
    return documents.filter((document) => !outcome[document.id]);
  };

  let remaining = misses;
  try {
    remaining = record(await ask(misses), misses);
  } catch (error) {
    // A rejected API key or an interrupted run stops the run, not these documents; a too-long batch is split below.
    rethrowIfRunStops(error, options);
    if (misses.length === 1) {
      fail(misses, error);
      return outcome;
    }
  }
  for (const document of remaining) {
    try {
      const left = record(await ask([document]), [document]);
      if (left.length > 0) fail(left, new Error("the analyser returned no answer for this document"));
    } catch (error) {
      rethrowIfRunStops(error, options);
      fail([document], error);
    }
  }
  return outcome;

  function fail(documents: Item[], error: unknown) {
    const reason = describeError(error);
    for (const document of documents) outcome[document.id] = { failure: reason };
    services.onEvent?.({ type: "analysis-failed", question, ids: documents.map((document) => document.id), reason });
  }
}

function toAnalysisDocument(document: ExtractedDocument | undefined, item: { id: string; contentHash: string; section: string }): AnalysisDocument {
  if (!document) throw new Error(`document ${item.id} (${item.contentHash}) is missing from the content store`);
  return { id: document.id, url: document.url, title: document.title, section: item.section, markdown: document.markdown, sections: document.sections, codeBlocks: document.codeBlocks };
}
