import { DocumentItError } from "../../errors.ts";
import { loadPrompts, promptFingerprint, type PromptSet } from "../../prompts.ts";
import type { LlmTrace } from "../../tracing.ts";
import type { Analyser, AnalyserQuestion, ContextInput, GlobalContext, SynthesisInput, TopicGuideline, TopicMergeInput } from "../../types.ts";
import { batchQuestionMessages, contextMessages, synthesisMessages, topicMergeMessages } from "../question-messages.ts";
import { batchPromptTokens } from "./batch-prompt-tokens.ts";
import { createAnswerEngine, type RequestThrottle, type RetryReport, type UsageReport } from "./answer-engine.ts";
import { citedSections, toDocumentSummaries, toDocumentTopics, toGlobalContext, toGuideline } from "./map-answers.ts";
import { ANSWER_SCHEMA_VERSION, BatchAnswerSchema, ContextAnswerSchema, GuidelineAnswerSchema, SummarizeAnswerSchema, TopicAnswerSchema, TopicGroupsAnswerSchema } from "./schemas.ts";
import type { StructuredOutputMethod } from "./structured-output-method.ts";

export type { RequestThrottle, RetryReport, ThrottledRequest, UsageReport } from "./answer-engine.ts";
export { STRUCTURED_OUTPUT_LADDER, type StructuredOutputMethod } from "./structured-output-method.ts";
export { ANSWER_SCHEMA_VERSION } from "./schemas.ts";

/** Provider name of the OpenAI-compatible analyser. */
export const OPENAI_PROVIDER = "openai";

/** Options of createOpenAIAnalyser. */
export interface OpenAIAnalyserOptions {
  /** Model of summarize, topic and context. */
  model: string;
  /** Model of synthesize; `model` by default. */
  synthesisModel?: string;
  /** Base URL of an OpenAI-compatible endpoint (Ollama, vLLM, LM Studio), e.g. `http://127.0.0.1:11434/v1`. */
  baseUrl?: string;
  /** API key; optional with `baseUrl` (local endpoints take any). Never appears in errors or reports. */
  apiKey?: string;
  /** The prompts; loadPrompts() by default. */
  prompts?: PromptSet;
  /** Timeout of one HTTP attempt; 120 s by default. */
  timeoutMs?: number;
  temperature?: number;
  maxOutputTokens?: number;
  /** First rung of the structured output ladder; "jsonSchema" by default. */
  structuredOutput?: StructuredOutputMethod;
  /** Retries of a transient failure (no answer, 408, 409, 429, 5xx); 4 by default. */
  maxRetries?: number;
  /** First backoff delay, doubled per retry with jitter; 1 s by default. */
  retryBaseDelayMs?: number;
  /** Longest wait before a retry; a longer `retry-after` fails the call (retryable) instead. 120 s by default. */
  maxRetryDelayMs?: number;
  /** Token budget of a synthesis's sources, shared equally; 24,000 by default. */
  synthesisSourceTokens?: number;
  /** Characters of the landing page the context question reads; 32,000 by default. */
  landingPageCharacters?: number;
  /** Called with the token usage of every response. */
  onUsage?: (usage: UsageReport) => void;
  /** Called before each retry of a transient failure. */
  onRetry?: (retry: RetryReport) => void;
  /** Wraps every HTTP attempt (a limiter's hook). */
  throttle?: RequestThrottle;
  /** Injectable for tests. */
  sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
  fetch?: typeof globalThis.fetch;
}

/** The openai analyser: the Analyser questions, buildContext, mergeTopics, and which structured output method each model uses. */
export interface OpenAIAnalyser extends Analyser {
  buildContext(input: ContextInput): Promise<GlobalContext>;
  mergeTopics(input: TopicMergeInput): Promise<string[][]>;
  readonly answerVersions: Readonly<Record<AnalyserQuestion, string>>;
  /** The structured output method each model settled on so far, e.g. `{ "llama3": "functionCalling" }`. */
  structuredOutputMethods(): Record<string, StructuredOutputMethod>;
}

/**
 * An analyser that asks an OpenAI or OpenAI-compatible endpoint through ChatOpenAI. Documents are fenced as
 * data; summarize and topic send one byte-identical prefix; answers are zod-checked, repaired once, and mapped
 * to the shapes the `local` analyser returns.
 */
export function createOpenAIAnalyser(options: OpenAIAnalyserOptions): OpenAIAnalyser {
  if (options.apiKey === undefined && options.baseUrl === undefined) {
    throw new DocumentItError("USAGE", "the openai provider needs an API key (OPENAI_API_KEY) or the base URL of an OpenAI-compatible endpoint");
  }
  const prompts = options.prompts ?? loadPrompts();
  const model = options.model;
  const synthesisModel = options.synthesisModel ?? model;
  const synthesisSourceTokens = options.synthesisSourceTokens ?? 24_000;
  const landingPageCharacters = options.landingPageCharacters ?? 32_000;
  const engine = createAnswerEngine({
    chat: {
      apiKey: options.apiKey ?? "no-key",
      timeoutMs: options.timeoutMs ?? 120_000,
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
      ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
      ...(options.maxOutputTokens === undefined ? {} : { maxOutputTokens: options.maxOutputTokens }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    },
    prompts,
    startMethod: options.structuredOutput ?? "jsonSchema",
    retry: { maxRetries: options.maxRetries ?? 4, baseDelayMs: options.retryBaseDelayMs ?? 1000, maxDelayMs: options.maxRetryDelayMs ?? 120_000 },
    sleep: options.sleep ?? abortableSleep,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    ...(options.onUsage ? { onUsage: options.onUsage } : {}),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    ...(options.throttle ? { throttle: options.throttle } : {}),
  });
  const batchWire = { name: "batch_answer", schema: BatchAnswerSchema };
  const fingerprint = (names: Array<keyof PromptSet>) => promptFingerprint(names.map((name) => prompts[name]));
  const promptVersions: Record<AnalyserQuestion, string> = {
    context: fingerprint(["system", "context", "format", "repair"]),
    summarize: fingerprint(["system", "batch", "summarize", "format", "repair"]),
    topic: fingerprint(["system", "batch", "topic", "format", "repair"]),
    synthesize: fingerprint(["system", "guideline", "synthesize", "format", "repair"]),
    relate: fingerprint(["system", "relate", "format", "repair"]),
  };
  const version = (question: AnalyserQuestion, answeredBy: string, extra = "") => `${promptVersions[question]}|schema ${ANSWER_SCHEMA_VERSION}|${answeredBy}${extra}`;
  // The caller's trace (names and ids) plus which prompts asked, so a trace shows the prompt version of every call.
  const traced = (question: AnalyserQuestion, trace: LlmTrace | undefined): { trace: LlmTrace } => ({
    trace: { name: trace?.name ?? question, tags: trace?.tags ?? [], metadata: { ...trace?.metadata, prompt_version: promptVersions[question], answer_schema_version: ANSWER_SCHEMA_VERSION } },
  });

  return {
    provider: OPENAI_PROVIDER,
    model,
    extractive: false,
    answerVersions: {
      context: version("context", model, `|page ${landingPageCharacters}`),
      summarize: version("summarize", model),
      topic: version("topic", model),
      synthesize: version("synthesize", synthesisModel, `|sources ${synthesisSourceTokens}`),
      relate: version("relate", model),
    },
    structuredOutputMethods: engine.methods,
    batchPromptTokens: (context) => batchPromptTokens(prompts, context),
    async summarize(input) {
      if (input.documents.length === 0) return [];
      const messages = batchQuestionMessages(prompts, "summarize", input);
      const answer = await engine.answer({ question: "summarize", model, messages, wire: batchWire, schema: SummarizeAnswerSchema, ...traced("summarize", input.trace) });
      return toDocumentSummaries(answer, input.documents);
    },
    async topics(input) {
      if (input.documents.length === 0) return [];
      const messages = batchQuestionMessages(prompts, "topic", input);
      const answer = await engine.answer({ question: "topic", model, messages, wire: batchWire, schema: TopicAnswerSchema, ...traced("topic", input.trace) });
      return toDocumentTopics(answer, input.documents);
    },
    async synthesize(input: SynthesisInput): Promise<TopicGuideline> {
      if (input.sources.length === 0) return toGuideline({ overview: [], whenToUse: [], steps: [], code: [], pitfalls: [] }, input);
      const messages = synthesisMessages(prompts, input, { budgetTokens: synthesisSourceTokens, citedAnchors: citedSections(input).map((section) => section.anchor) });
      const answer = await engine.answer({ question: "synthesize", model: synthesisModel, messages, wire: { name: "topic_guideline", schema: GuidelineAnswerSchema }, schema: GuidelineAnswerSchema, ...traced("synthesize", input.trace) });
      return toGuideline(answer, input);
    },
    async buildContext(input) {
      const messages = contextMessages(prompts, input, { pageCharacters: landingPageCharacters });
      const answer = await engine.answer({ question: "context", model, messages, wire: { name: "product_context", schema: ContextAnswerSchema }, schema: ContextAnswerSchema, ...traced("context", input.trace) });
      return toGlobalContext(answer, input, `context question (${OPENAI_PROVIDER} ${model})`);
    },
    async mergeTopics(input) {
      if (input.names.length < 2) return [];
      const messages = topicMergeMessages(prompts, input);
      const answer = await engine.answer({ question: "relate", model, messages, wire: { name: "topic_groups", schema: TopicGroupsAnswerSchema }, schema: TopicGroupsAnswerSchema, ...traced("relate", input.trace) });
      return answer.groups.map((group) => group.names);
    },
  };
}

// Waits `milliseconds`, or less when `signal` aborts (its timer cleared, so a stopped run's process can exit).
function abortableSleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, milliseconds);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
