import type { Runtime } from "@langchain/langgraph";
import { describeError } from "../../src/errors.ts";
import { canonicalJson, sha256 } from "../../src/hash.ts";
import type { DocumentSummary, DocumentTopics, ExtractedDocument, GlobalContext, SynthesisInput, Topic, TopicGuideline } from "../../src/types.ts";
import { analysisCacheKey } from "../analyse-batch.ts";
import { synthesisTaskFingerprint } from "../routing.ts";
import { type Services, rethrowIfRunStops, resolveRuntime } from "../services.ts";
import type { Update } from "../state.ts";
import { topicTrace } from "../trace.ts";

/** The Send payload of synthesize: one topic and where its sources are stored. */
export interface SynthesisTask {
  topic: Topic;
  relatedTopics: Array<{ id: string; name: string }>;
  contextHash: string;
  sources: Array<{ documentId: string; section: string; contentHash: string; summaryHash: string; topicsHash: string }>;
  /** A source is refreshed this run (--force, --no-cache): a guideline cached before this time (epoch ms) is not used. */
  refreshSince?: number;
}

/**
 * Cache key of a topic's guideline: exactly what its prompt is built from (the topic's names, its related topics, the
 * context, each source's content and analysis hashes in order), with the question's version and model. Not the topic's
 * weight or its refresh time, so a re-run whose sources did not change reuses the guideline.
 */
export function synthesisCacheKey(options: { task: SynthesisTask; provider: string; model: string; answerVersion?: string }): string {
  const { topic, relatedTopics, contextHash, sources } = options.task;
  const inputs = { topic: { id: topic.id, name: topic.name, aliases: topic.aliases }, relatedTopics, sources };
  return analysisCacheKey({ question: "synthesize", provider: options.provider, model: options.model, answerVersion: options.answerVersion, contentHash: sha256(canonicalJson(inputs)), contextHash });
}

/** Writes the guideline of one topic from its source documents; a failure is recorded, never thrown. */
export async function synthesize(task: SynthesisTask, runtime: Runtime): Promise<Update> {
  const { services } = resolveRuntime(runtime);
  const { store, analyser } = services;
  const key = guidelineKey(task, services);
  const finish = (result: { hash: string } | { failure: string }): Update => ({ guidelines: { [task.topic.id]: result } });
  const cached = cachedGuideline({ key, task, services });
  if (cached) {
    services.onEvent?.({ type: "analysis", question: "synthesize", ids: [task.topic.id], cached: true });
    return finish({ hash: cached });
  }
  try {
    // Sources are read from the store once the call has its slot, as analyseBatch reads its documents.
    const guideline: TopicGuideline = await services.analysisLimiter.run(() => analyser.synthesize(synthesisInput({ task, store, runtime })));
    const hash = store.put(guideline);
    store.setCached(key, hash);
    services.onEvent?.({ type: "analysis", question: "synthesize", ids: [task.topic.id], cached: false });
    return finish({ hash });
  } catch (error) {
    rethrowIfRunStops(error, runtime);
    const reason = describeError(error);
    services.onEvent?.({ type: "analysis-failed", question: "synthesize", ids: [task.topic.id], reason });
    return finish({ failure: reason });
  }
}

/**
 * The guidelines already cached for these tasks, by topic id, each tagged with its task's fingerprint (relate records
 * them, so routeToSynthesis sends only the topics that miss the cache).
 */
export function reusedGuidelines(tasks: readonly SynthesisTask[], services: Services): Record<string, { hash: string; task: string }> {
  const reused: Record<string, { hash: string; task: string }> = {};
  for (const task of tasks) {
    const hash = cachedGuideline({ key: guidelineKey(task, services), task, services });
    if (hash) reused[task.topic.id] = { hash, task: synthesisTaskFingerprint(task) };
  }
  return reused;
}

// synthesisCacheKey as the run's analyser answers synthesize.
function guidelineKey(task: SynthesisTask, { analyser }: Services): string {
  return synthesisCacheKey({ task, provider: analyser.provider, model: analyser.model, answerVersion: analyser.answerVersions?.synthesize });
}

// A refreshed task (--force, --no-cache) takes only a guideline cached since its refresh time.
function cachedGuideline({ key, task, services }: { key: string; task: SynthesisTask; services: Services }): string | undefined {
  return services.store.getCached(key, task.refreshSince === undefined ? {} : { since: task.refreshSince });
}

function synthesisInput({ task, store, runtime }: { task: SynthesisTask; store: Services["store"]; runtime: Runtime }): SynthesisInput {
  return {
    context: required(store.get<GlobalContext>(task.contextHash), "global context"),
    topic: task.topic,
    relatedTopics: task.relatedTopics,
    sources: task.sources.map((source) => {
      const document = required(store.get<ExtractedDocument>(source.contentHash), `document ${source.documentId}`);
      return {
        document: { id: document.id, url: document.url, title: document.title, section: source.section, markdown: document.markdown, sections: document.sections, codeBlocks: document.codeBlocks },
        summary: required(store.get<DocumentSummary>(source.summaryHash), `summary of ${source.documentId}`),
        topics: required(store.get<DocumentTopics>(source.topicsHash), `topics of ${source.documentId}`),
      };
    }),
    trace: topicTrace({ runtime, topicId: task.topic.id, documentIds: task.sources.map((source) => source.documentId) }),
  };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing from the content store`);
  return value;
}
