import { getConfig } from "@langchain/langgraph";
import { createLocalAnalyser } from "../src/local/index.ts";
import { loadPrompts } from "../src/prompts.ts";
import type { LlmLimiterRegistry } from "../src/llm-limiters.ts";
import { type RequestThrottle, type UsageReport, createOpenAIAnalyser } from "../src/providers/openai/index.ts";
import { OPENAI_API_URL, createLimiterThrottle } from "../src/providers/openai/limiter-throttle.ts";
import type { Analyser } from "../src/types.ts";
import type { UsageLedger } from "../src/usage-ledger.ts";
import { type CostGuard, chainThrottles } from "../src/prices/cost-guard.ts";
import type { Configuration } from "./configuration.ts";

/** Token usage per question, summed over the calls of this process. */
export type UsageTotals = Record<string, { calls: number; inputTokens: number; outputTokens: number; cachedInputTokens: number }>;

/** The provider a configuration names, or the one picked: openai when a key or base URL is set, else local. */
export function resolveProvider(configuration: Configuration, environment: NodeJS.ProcessEnv = process.env): "local" | "openai" {
  if (configuration.provider) return configuration.provider;
  return environment["OPENAI_API_KEY"] || configuration.baseUrl || environment["OPENAI_BASE_URL"] ? "openai" : "local";
}

/**
 * Creates the analyser a configuration names; the API key comes only from the environment, never from configuration.
 * With `llmLimiters`, every request of the openai analyser goes through the limiter of its endpoint and model;
 * with `usageLedger`, the usage of every response is recorded under the run (graph thread) that asked.
 */
export function createAnalyser(
  configuration: Configuration,
  options: { usage?: UsageTotals; usageLedger?: UsageLedger; environment?: NodeJS.ProcessEnv; llmLimiters?: LlmLimiterRegistry; costGuard?: CostGuard; onUsage?: (report: UsageReport) => void } = {},
): Analyser {
  const environment = options.environment ?? process.env;
  if (resolveProvider(configuration, environment) === "local") return createLocalAnalyser();
  const baseUrl = configuration.baseUrl ?? environment["OPENAI_BASE_URL"];
  const apiKey = environment["OPENAI_API_KEY"];
  return createOpenAIAnalyser({
    model: configuration.model,
    ...(configuration.synthesisModel ? { synthesisModel: configuration.synthesisModel } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    ...(apiKey ? { apiKey } : {}),
    timeoutMs: configuration.llmTimeoutMs,
    ...throttleOf(options.costGuard, options.llmLimiters ? createLimiterThrottle({ limiters: options.llmLimiters, endpoint: baseUrl ?? OPENAI_API_URL }) : undefined),
    prompts: loadPrompts({ ...(configuration.promptsDirectory ? { directory: configuration.promptsDirectory } : {}), ...(configuration.prompts ? { overrides: configuration.prompts } : {}) }),
    onUsage: (report: UsageReport) => {
      const runId = currentRunId();
      if (options.usageLedger && runId) options.usageLedger.record(runId, report);
      options.onUsage?.(report);
      if (!options.usage) return;
      const totals = (options.usage[report.question] ??= { calls: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 });
      totals.calls += 1;
      totals.inputTokens += report.inputTokens;
      totals.outputTokens += report.outputTokens;
      totals.cachedInputTokens += report.cachedInputTokens;
    },
  });
}

// --max-cost admits a request before the limiter queues it, so a refused request never holds a limiter slot.
function throttleOf(costGuard: CostGuard | undefined, limiter: RequestThrottle | undefined): { throttle?: RequestThrottle } {
  const throttle = chainThrottles(costGuard?.throttle, limiter);
  return throttle ? { throttle } : {};
}

// The run a call belongs to: LangGraph keeps each node's config in AsyncLocalStorage, and the thread id is the run id.
function currentRunId(): string | undefined {
  const threadId = getConfig()?.configurable?.["thread_id"];
  return typeof threadId === "string" ? threadId : undefined;
}

/** Why this provider answers: chosen with --provider, or picked from the environment. */
export function providerReason(configuration: Configuration): string {
  if (configuration.provider) return "chosen with --provider";
  const picked = resolveProvider(configuration);
  if (picked === "local") return "picked because no OPENAI_API_KEY or base URL is set; its output is extractive";
  return configuration.baseUrl || process.env["OPENAI_BASE_URL"] ? "picked because a base URL is set" : "picked because OPENAI_API_KEY is set";
}
