import { createDatabase } from "./database-cache.ts";
import { canonicalJson } from "../src/hash.ts";
import type { RunEvent } from "../src/events.ts";
import { type FetchFunction, type FetchHosts, type ResolveHost, createFetchHosts } from "../src/fetch/index.ts";
import { type HttpCache, createHttpCache } from "../src/http-cache.ts";
import { type Limiter, createLimiter } from "../src/limiter.ts";
import { type LlmLimiterRegistry, createLlmLimiterRegistry } from "../src/llm-limiters.ts";
import { type ContentStore, createContentStore } from "../src/store.ts";
import type { Analyser } from "../src/types.ts";
import { type UsageLedger, createUsageLedger } from "../src/usage-ledger.ts";
import type { CostGuard } from "../src/prices/cost-guard.ts";
import { type PriceTable, loadPriceTable } from "../src/prices/price-table.ts";
import { usageEvent } from "../src/prices/run-cost.ts";
import { type Configuration, ensureConfiguration } from "./configuration.ts";
import { type UsageTotals, createAnalyser } from "./provider.ts";
import { type EarlyGrouping, createEarlyGrouping } from "./early-grouping.ts";
import { type PrefixOrder, createPrefixOrder } from "./prefix-order.ts";
import { stopsRun } from "../src/errors.ts";

/** What nodes need besides state: injected by the caller through `context.services`, else built from configuration. */
export interface Services {
  store: ContentStore;
  analyser: Analyser;
  /** Governs whole analyser calls; does not limit the openai analyser, whose every request the LLM limiter governs. */
  analysisLimiter: Limiter;
  /** Summarize asks after topic of the same batch was answered, so the provider's prefix cache serves it. */
  prefixOrder: PrefixOrder;
  /** relate's synonym question, asked as soon as the topic answers are in (early-grouping.ts). */
  earlyGrouping?: EarlyGrouping;
  /** One LLM limiter per endpoint and model (rates, adaptive concurrency, retry-after), shared by every node. */
  llmLimiters?: LlmLimiterRegistry;
  /** Governs fetching. */
  fetchLimiter: Limiter;
  fetch?: FetchFunction;
  /** ETag / Last-Modified validators and bodies per URL, in the state database: re-runs send conditional requests. */
  httpCache?: HttpCache;
  /** Per-host fetch limiters, robots.txt answers and markdown-variant memory, shared by every branch. */
  fetchHosts?: FetchHosts;
  /** Resolves hostnames for the private-address check; injectable so tests can use made-up hostnames. */
  resolveHost?: ResolveHost;
  onEvent?: (event: RunEvent) => void;
  /** LLM token usage of this process, per question. */
  usage?: UsageTotals;
  /** Per-call LLM usage by run id in the state database, so run.json counts every process of a resumed run. */
  usageLedger?: UsageLedger;
  /** Model prices (shipped, then --prices), for costs in events and run.json. */
  prices?: PriceTable;
  /** --max-cost: admits each LLM request of the openai analyser (given when the analyser is built). */
  costGuard?: CostGuard;
  /** Epoch milliseconds; injectable for deterministic tests. */
  now: () => number;
}

const built = new Map<string, Services>();

// Every configuration field buildServices and createAnalyser read: services are shared between runs only when all agree
// (a prompt edited in Studio, or another price file, gets services of its own).
const SERVICE_FIELDS = ["statePath", "provider", "model", "synthesisModel", "baseUrl", "llmTimeoutMs", "promptsDirectory", "prompts", "concurrency", "hostConcurrency", "requestsPerMinute", "tokensPerMinute", "pricesPath"] as const satisfies ReadonlyArray<keyof Configuration>;

/** Builds default services for a configuration (one set per state file and concurrency, reused across runs). */
export function buildServices(configuration: Configuration, overrides: Partial<Services> = {}): Services {
  const database = createDatabase(configuration.statePath);
  const usage: UsageTotals = {};
  const { requestsPerMinute, tokensPerMinute } = configuration;
  const llmLimiters =
    overrides.llmLimiters ?? createLlmLimiterRegistry({ concurrency: configuration.concurrency, ...(requestsPerMinute ? { requestsPerMinute } : {}), ...(tokensPerMinute ? { tokensPerMinute } : {}) });
  const usageLedger = createUsageLedger({ database });
  const prices = overrides.prices ?? loadPriceTable(configuration.pricesPath ? { file: configuration.pricesPath } : {});
  const onUsage = (report: Parameters<typeof usageEvent>[0]) => overrides.onEvent?.(usageEvent(report, prices));
  const analyser = overrides.analyser ?? createAnalyser(configuration, { usage, usageLedger, llmLimiters, onUsage, ...(overrides.costGuard ? { costGuard: overrides.costGuard } : {}) });
  return {
    usage,
    prices,
    usageLedger,
    store: createContentStore({ database }),
    analyser,
    llmLimiters,
    // The openai analyser's requests are gated by its LLM limiter. Its whole calls (read documents, build the prompt, wait)
    // get twice as many slots: calls waiting out a retry back-off leave room, and no more prompts are built than soon go.
    analysisLimiter: createLimiter({ concurrency: !overrides.analyser && analyser.provider === "openai" ? 2 * configuration.concurrency : configuration.concurrency }),
    fetchLimiter: createLimiter({ concurrency: configuration.concurrency }),
    prefixOrder: createPrefixOrder({ enabled: analyser.provider !== "local" }),
    earlyGrouping: createEarlyGrouping(),
    httpCache: createHttpCache({ database }),
    fetchHosts: createFetchHosts({ concurrency: configuration.hostConcurrency }),
    now: Date.now,
    ...overrides,
  };
}

/** The configuration and services of the current run, from `runtime.context`. */
export function resolveRuntime(runtime: { context?: unknown }): { configuration: Configuration; services: Services } {
  const configuration = ensureConfiguration(runtime.context);
  const injected = (runtime.context as { services?: Services } | undefined)?.services;
  if (injected) return { configuration, services: injected };
  const key = canonicalJson(SERVICE_FIELDS.map((field) => configuration[field] ?? null));
  let services = built.get(key);
  if (!services) {
    services = buildServices(configuration);
    built.set(key, services);
  }
  return { configuration, services };
}

/**
 * Throws when the run was interrupted (its signal aborted). A node calls it before returning what an LLM call's
 * failure made of its work: a cancelled call is not a document's failure, and recording one would stick through a resume.
 */
export function throwIfInterrupted(runtime: { signal?: AbortSignal }): void {
  runtime.signal?.throwIfAborted();
}

/** Rethrows a failure that stops the whole run rather than a document or topic: a run-stopping error (stopsRun), or any once the run was interrupted. */
export function rethrowIfRunStops(error: unknown, runtime: { signal?: AbortSignal }): void {
  if (stopsRun(error)) throw error;
  throwIfInterrupted(runtime);
}

/** The onFailure of a call the run survives (context, topic grouping): an analysis-failed event, none for a cancelled call. */
export function reportAnalysisFailure(runtime: { signal?: AbortSignal }, services: Services, question: "context" | "relate"): (reason: string) => void {
  return (reason) => {
    if (!runtime.signal?.aborted) services.onEvent?.({ type: "analysis-failed", question, ids: [], reason });
  };
}
