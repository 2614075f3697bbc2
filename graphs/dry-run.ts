/**
 * `run --dry-run`: discover, fetch, extract and plan batches as a run would (same packing, same cache lookups), then
 * stop before the first analysis and estimate the LLM calls, tokens and cost. No LLM request is sent, no checkpoint
 * is kept and no output is written; fetched pages land in the state file's caches, as a run's would.
 */
import { resolve } from "node:path";
import { MemorySaver, type Send } from "@langchain/langgraph";
import { loadPrompts } from "../src/prompts.ts";
import { type RunEstimate, estimateRun } from "../src/prices/estimate.ts";
import { pricesSource } from "../src/prices/run-cost.ts";
import { contextPromptTokens, synthesisPromptTokens } from "../src/providers/openai/prompt-estimates.ts";
import type { Analyser, ExtractedDocument, GlobalContext } from "../src/types.ts";
import { type AnalysisTask, answerCacheKey } from "./analyse-batch.ts";
import { compileGraph } from "./compile.ts";
import { ensureConfiguration } from "./configuration.ts";
import { createAnalyser, resolveProvider } from "./provider.ts";
import { routeToAnalysis } from "./routing.ts";
import { buildServices } from "./services.ts";
import type { State } from "./state.ts";
import type { StartRunOptions } from "./run.ts";

/** What the dry run found and estimates. */
export interface DryRunReport {
  source: string;
  provider: string;
  model: string;
  documents: Array<{ id: string; url: string; status: "analyse" | "cached" | "failed" | "skipped"; tokens?: number; reason?: string }>;
  batches: number;
  estimate: RunEstimate;
  prices: ReturnType<typeof pricesSource>;
}

/** Marks the context call the dry run did not make. */
class DryRunStop extends Error {}

/** Runs the graph up to the first LLM analysis without any LLM request, and estimates the rest. */
export async function dryRun(options: StartRunOptions): Promise<DryRunReport> {
  const isUrl = /^https?:\/\//i.test(options.source);
  const source = isUrl ? options.source : resolve(options.source);
  const { services: overrides, source: _source, runId: _runId, maxDocs, ...rest } = options;
  const configuration = ensureConfiguration({ ...rest, statePath: resolve(options.statePath ?? ".document-it/state.db") });
  const provider = resolveProvider(configuration);
  // The analyser only names its cache keys and prompt sizes here; the key is never sent, so a placeholder does.
  const environment = provider === "openai" ? { ...process.env, OPENAI_API_KEY: process.env["OPENAI_API_KEY"] || "dry-run-sends-no-request" } : process.env;
  const real = overrides?.analyser ?? createAnalyser(configuration, { environment });
  const prompts = loadPrompts({ ...(configuration.promptsDirectory ? { directory: configuration.promptsDirectory } : {}), ...(configuration.prompts ? { overrides: configuration.prompts } : {}) });
  let contextInputTokens: number | undefined;
  const refuse = async (): Promise<never> => {
    throw new DryRunStop("a dry run sends no LLM request");
  };
  // The local analyser asks no LLM, so it runs as it is; an LLM analyser answers nothing and notes the context prompt.
  const analyser: Analyser = real.provider === "local" ? real : {
    ...real,
    summarize: refuse,
    topics: refuse,
    synthesize: refuse,
    ...(real.buildContext
      ? {
          buildContext: async (input) => {
            contextInputTokens = contextPromptTokens(prompts, input, { pageCharacters: 32_000 });
            return refuse();
          },
        }
      : {}),
    ...(real.mergeTopics ? { mergeTopics: refuse } : {}),
  };
  const onEvent = overrides?.onEvent;
  const services = buildServices(configuration, { ...overrides, analyser, ...(onEvent ? { onEvent: (event) => (event.type === "analysis-failed" && event.question === "context" ? undefined : onEvent(event)) } : {}) });
  const app = compileGraph({ checkpointer: new MemorySaver() });
  const config = { configurable: { thread_id: `dry-run-${Date.now()}` }, context: { ...configuration, services } as never, interruptBefore: ["summarize", "topic", "relate"] as never };
  await app.invoke({ source, ...(maxDocs ? { maxDocs } : {}) }, config);
  const state = (await app.getState(config)).values as State;
  const planned = planCalls({ state, analyser: real, store: services.store });
  const context = state.contextHash ? services.store.get<GlobalContext>(state.contextHash) : undefined;
  const analysed = planned.asked.size + planned.cached.size;
  const sections = [...planned.asked, ...planned.cached].map((id) => (state.documents[id]?.tokens ?? 0) / Math.max(1, state.documents[id]?.sectionCount ?? 1));
  const estimate = estimateRun({
    ...(contextInputTokens !== undefined ? { contextInputTokens } : {}),
    analysisCalls: provider === "local" ? [] : planned.calls,
    documents: { analysed, asked: provider === "local" ? 0 : planned.asked.size, averageSectionTokens: sections.length ? sections.reduce((sum, value) => sum + value, 0) / sections.length : 0 },
    synthesis: { promptTokens: context ? synthesisPromptTokens(prompts, context) : 0, sourceTokens: 24_000, maxTopics: configuration.maxTopics, topicMergeThreshold: configuration.topicMergeThreshold },
    models: { analysis: configuration.model, synthesis: configuration.synthesisModel ?? configuration.model },
    prices: services.prices!,
  });
  const documents = state.entries.map((entry) => {
    const record = state.documents[entry.id]!;
    const status = record.status === "failed" ? "failed" : record.status === "skipped" ? "skipped" : planned.asked.has(entry.id) ? "analyse" : "cached";
    return { id: entry.id, url: entry.url, status, ...(record.tokens !== undefined ? { tokens: record.tokens } : {}), ...(record.failure ? { reason: `${record.failure.stage}: ${record.failure.reason}` } : {}) } as DryRunReport["documents"][number];
  });
  return { source, provider: real.provider, model: real.model, documents, batches: state.batches.length, estimate, prices: pricesSource(services.prices!) };
}

// The summarize and topic calls analyseBatch will make: per batch and question, one call over the members the cache misses.
function planCalls(options: { state: State; analyser: Analyser; store: ReturnType<typeof buildServices>["store"] }) {
  const { state, analyser, store } = options;
  const route = routeToAnalysis(state);
  const sends = Array.isArray(route) ? (route as Send[]) : [];
  const context = state.contextHash ? store.get<GlobalContext>(state.contextHash) : undefined;
  const prompt = context ? analyser.batchPromptTokens?.(context) : undefined;
  const calls: Array<{ question: "summarize" | "topic"; inputTokens: number; documents: number }> = [];
  const asked = new Set<string>();
  const cached = new Set<string>();
  for (const send of sends) {
    const question = send.node as "summarize" | "topic";
    const task = send.args as AnalysisTask;
    let inputTokens = prompt?.fixed ?? 0;
    let misses = 0;
    for (const item of task.documents) {
      const documentId = item.partOf ?? item.id;
      const key = answerCacheKey({ analyser, question, contentHash: item.contentHash, contextHash: task.contextHash });
      if (store.getCached(key, item.refreshSince === undefined ? {} : { since: item.refreshSince })) {
        if (!asked.has(documentId)) cached.add(documentId);
        continue;
      }
      const stored = store.get<ExtractedDocument>(item.contentHash);
      inputTokens += (stored?.tokens ?? 0) + (stored && prompt ? prompt.perDocument(stored) : 0);
      misses += 1;
      cached.delete(documentId);
      asked.add(documentId);
    }
    if (misses > 0) calls.push({ question, inputTokens, documents: misses });
  }
  // Documents planBatches found cached for both questions are in no batch: their answers are in their records.
  for (const record of Object.values(state.documents)) if (record.summaryHash && record.topicsHash && !asked.has(record.id)) cached.add(record.id);
  return { calls, asked, cached };
}
