/**
 * What the pipeline scenarios share: a generated site and the mock LLM on 127.0.0.1, the options of a measured
 * run, and the figures read from the mock's records and from the state database.
 */
import { join } from "node:path";
import Database from "better-sqlite3";
import type { StartRunOptions } from "../graphs/run.ts";
import { documentNamedAnswers } from "../test/helpers/llm-calls.ts";
import { type MockLimits, type MockOpenAIServer, type RecordedRequest, roughTokens, startMockOpenAIServer } from "../test/helpers/mock-openai-server.ts";
import { type Corpus, generateCorpus } from "./corpus.ts";
import { type CorpusServer, startCorpusServer } from "./corpus-server.ts";

/** A generated site served on 127.0.0.1. */
export interface BenchSite {
  corpus: Corpus;
  server: CorpusServer;
  /** URL of the site's llms.txt. */
  source: string;
  /** Tokens of every document together, counted the mock's way (characters / 4). */
  documentTokens: number;
}

/** Generates a site of `documents` documents and serves it. */
export async function startBenchSite(options: { documents: number; medianBytes?: number }): Promise<BenchSite> {
  const corpus = generateCorpus({ documents: options.documents, ...(options.medianBytes === undefined ? {} : { medianBytes: options.medianBytes }) });
  const server = await startCorpusServer({ corpus });
  const documentTokens = corpus.documentPaths.reduce((sum, path) => sum + roughTokens(corpus.files.get(path)!.body), 0);
  return { corpus, server, source: `${server.origin}/llms.txt`, documentTokens };
}

/**
 * A mock LLM answering after `latencyMs`, with optional limits. One per measured run: the mock simulates prefix
 * caching over every prompt it has answered before a request arrived (as a provider does), so a second run on the
 * same mock would look cached. Its answers name topics
 * after each document's headings, as a real model would, so synthesis makes one call per topic rather than two.
 */
export function startBenchMock(options: { latencyMs: number; limits?: MockLimits }): Promise<MockOpenAIServer> {
  // OpenAI caches a prompt prefix from 1,024 tokens on; the mock applies the same floor.
  return startMockOpenAIServer({ behaviour: { delayMs: options.latencyMs }, cacheMinimumTokens: 1024, cacheAfterAnswer: true, respond: documentNamedAnswers, ...(options.limits ? { limits: options.limits } : {}) });
}

/** Options of one measured run: `source` through provider openai at `baseUrl`, output and state in `folder`. */
export function benchRunOptions(options: { source: string; baseUrl: string; folder: string; runId: string; concurrency: number; statePath?: string } & Partial<StartRunOptions>): StartRunOptions {
  const { source, baseUrl, folder, runId, concurrency, statePath, ...rest } = options;
  return {
    source,
    provider: "openai",
    baseUrl,
    model: "bench-model",
    concurrency,
    statePath: statePath ?? join(folder, `${runId}.db`),
    outDir: join(folder, runId),
    runId,
    services: { onEvent: () => undefined },
    ...rest,
  };
}

/** Which question a chat completion asked, from its answer schema name and final message. */
export function questionOf(request: RecordedRequest): string {
  const body = request.body;
  const name = body?.response_format?.json_schema?.name ?? body?.tools?.[0]?.function?.name ?? "";
  if (name === "product_context") return "context";
  if (name === "topic_guideline") return "synthesize";
  if (name === "topic_groups") return "relate";
  const last = String(body?.messages?.at(-1)?.content ?? "");
  return /^Question: (\w+)/.exec(last)?.[1] ?? "other";
}

/** LLM figures of a slice of the mock's records. */
export interface CallFigures {
  /** Answered requests (HTTP 200). */
  calls: number;
  byQuestion: Record<string, number>;
  /** Requests refused with 429. */
  refused: number;
  inputTokens: number;
  cachedInputTokens: number;
  /** Input tokens of summarize and topic only. */
  analysisInputTokens: number;
  analysisCachedInputTokens: number;
}

/** Counts answered chat completions, refusals and input tokens of the given requests. */
export function callFigures(requests: readonly RecordedRequest[]): CallFigures {
  const figures: CallFigures = { calls: 0, byQuestion: {}, refused: 0, inputTokens: 0, cachedInputTokens: 0, analysisInputTokens: 0, analysisCachedInputTokens: 0 };
  for (const request of requests) {
    if (request.path !== "/v1/chat/completions") continue;
    if (request.status === 429) figures.refused += 1;
    if (request.status !== 200 || !request.usage) continue;
    const question = questionOf(request);
    figures.calls += 1;
    figures.byQuestion[question] = (figures.byQuestion[question] ?? 0) + 1;
    figures.inputTokens += request.usage.prompt_tokens;
    figures.cachedInputTokens += request.usage.prompt_tokens_details.cached_tokens;
    if (question === "summarize" || question === "topic") {
      figures.analysisInputTokens += request.usage.prompt_tokens;
      figures.analysisCachedInputTokens += request.usage.prompt_tokens_details.cached_tokens;
    }
  }
  return figures;
}

/** Bytes a run's thread holds in the checkpointer's tables: every checkpoint and pending write, and the latest checkpoint alone. */
export function checkpointBytes(options: { statePath: string; runId: string }): { total: number; latest: number } {
  const database = new Database(options.statePath, { readonly: true });
  try {
    const checkpoints = database.prepare("SELECT COALESCE(SUM(LENGTH(checkpoint) + LENGTH(metadata)), 0) AS bytes FROM checkpoints WHERE thread_id = ?").get(options.runId) as { bytes: number };
    const writes = database.prepare("SELECT COALESCE(SUM(LENGTH(value)), 0) AS bytes FROM writes WHERE thread_id = ?").get(options.runId) as { bytes: number };
    const latest = database.prepare("SELECT LENGTH(checkpoint) + LENGTH(metadata) AS bytes FROM checkpoints WHERE thread_id = ? ORDER BY checkpoint_id DESC LIMIT 1").get(options.runId) as { bytes: number } | undefined;
    return { total: checkpoints.bytes + writes.bytes, latest: latest?.bytes ?? 0 };
  } finally {
    database.close();
  }
}

/** Rounds to `digits` decimals. */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
