/**
 * Asks one question and returns its schema-checked answer: structured output down the fallback ladder
 * (remembered per model), one repair of an answer that fails its schema, retries of transient failures,
 * and the token usage of every response.
 */
import { HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import type { z } from "zod";
import { toJsonSchema } from "@langchain/core/utils/json_schema";
import { renderPrompt, type PromptSet } from "../../prompts.ts";
import { countTokens } from "../../tokens.ts";
import type { LlmTrace } from "../../tracing.ts";
import type { AnalyserQuestion } from "../../types.ts";
import { DocumentItError } from "../../errors.ts";
import { ProviderError, redactSecrets } from "../errors.ts";
import type { QuestionMessages } from "../question-messages.ts";
import { answerFromBody, answerFromMessage, checkAnswer, type RawAnswer } from "./answer-check.ts";
import { type ChatModelSettings, type HttpExchange, type LentChatModel, createChatModelPool } from "./chat-model.ts";
import { describeFailure, describeResponse, isUnsupportedMethod, type AttemptResponse, type HttpFailure } from "./http-failure.ts";
import { STRUCTURED_OUTPUT_LADDER, describesSchemaInPrompt, type StructuredOutputMethod } from "./structured-output-method.ts";

/** Token usage of one response, as `onUsage` reports it. */
export interface UsageReport {
  question: AnalyserQuestion;
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** Input tokens the provider served from its prefix cache. */
  cachedInputTokens: number;
  method: StructuredOutputMethod;
  /** True for the repair call after an answer failed its schema. */
  repair: boolean;
  /** True when the endpoint reported no usage and the numbers are counted locally (o200k_base). */
  estimated: boolean;
  /** The documents (or parts) a summarize or topic call asked about, from its trace, so a run can price each document. */
  documentIds?: string[];
  /** The topic a synthesize call wrote, from its trace. */
  topicId?: string;
}

/** A transient failure about to be retried, as `onRetry` reports it (for a limiter to back off). */
export interface RetryReport {
  question: AnalyserQuestion;
  model: string;
  /** 1 for the first retry. */
  retry: number;
  status: number | undefined;
  delayMs: number;
  /** True when the delay is the endpoint's `retry-after`. */
  retryAfter: boolean;
  reason: string;
}

/** One HTTP attempt, as a throttle sees it. */
export interface ThrottledRequest {
  question: AnalyserQuestion;
  model: string;
  /** Input tokens estimated from the prompt's characters (about 4 a token), not counted; the response's usage settles it. */
  estimatedInputTokens: number;
  /** The `max_tokens` sent, when one is set. */
  maxOutputTokens?: number;
  /** The attempt's response once `send` has settled: status, headers, usage, `retry-after`, the endpoint's message (redacted). */
  response: () => AttemptResponse;
  /**
   * Runs `listener` once the response has arrived whole, before the client parses it, so a throttle can free its
   * slot then (`response()` is complete by that time); never runs when no response came.
   */
  onResponse: (listener: () => void) => void;
}

/**
 * Wraps each HTTP attempt, so a limiter can govern requests and tokens; must call `send` once. A
 * DocumentItError it throws (its limiter stopped after a rejected API key) leaves the engine unchanged.
 */
export type RequestThrottle = <T>(request: ThrottledRequest, send: () => Promise<T>) => Promise<T>;

/** Options of createAnswerEngine. */
export interface AnswerEngineOptions {
  chat: ChatModelSettings;
  prompts: PromptSet;
  /** Method the ladder starts from for a model not yet asked. */
  startMethod: StructuredOutputMethod;
  retry: { maxRetries: number; baseDelayMs: number; maxDelayMs: number };
  /** Waits before a retry; stops waiting early when `signal` aborts. */
  sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  random: () => number;
  onUsage?: (usage: UsageReport) => void;
  onRetry?: (retry: RetryReport) => void;
  throttle?: RequestThrottle;
}

/** One question to ask. */
export interface AnswerRequest<T> {
  question: AnalyserQuestion;
  model: string;
  messages: QuestionMessages;
  /** What is sent as the response format or tool (may be wider than `schema`, see BatchAnswerSchema). */
  wire: { name: string; schema: z.ZodType };
  /** What the answer must match. */
  schema: z.ZodType<T>;
  /** How the call shows in a trace; the engine adds the model, question and structured output method. */
  trace?: LlmTrace;
}

type Attempt = { kind: "answer"; answer: RawAnswer } | { kind: "unsupported"; failure: HttpFailure };

/** The engine an analyser asks through; it remembers, per model, the structured output method that works. */
export function createAnswerEngine(options: AnswerEngineOptions) {
  const methods = new Map<string, StructuredOutputMethod>();
  const redact = (text: string) => redactSecrets(text, [options.chat.apiKey]);
  const pool = createChatModelPool(options.chat);
  const remember = (model: string, method: StructuredOutputMethod) => {
    const known = methods.get(model);
    if (known === undefined || STRUCTURED_OUTPUT_LADDER.indexOf(method) > STRUCTURED_OUTPUT_LADDER.indexOf(known)) methods.set(model, method);
  };

  async function answer<T>(request: AnswerRequest<T>): Promise<T> {
    let method = methods.get(request.model) ?? options.startMethod;
    for (;;) {
      const format = describesSchemaInPrompt(method) ? `\n${renderPrompt(options.prompts.format, { schema: schemaText(request.schema) })}` : "";
      const messages = [...request.messages.prefix, new HumanMessage(request.messages.finalMessage(format))];
      const first = await attempt(request, method, messages, false);
      if (first.kind === "unsupported") {
        const next = STRUCTURED_OUTPUT_LADDER[STRUCTURED_OUTPUT_LADDER.indexOf(method) + 1];
        if (next === undefined) throw new ProviderError(redact(`the endpoint rejected every structured output method: ${first.failure.message}`), { status: first.failure.status });
        remember(request.model, next);
        method = methods.get(request.model)!;
        continue;
      }
      remember(request.model, method);
      const checked = checkAnswer(first.answer, request.schema);
      if (checked.ok) return checked.value;
      const repair = new HumanMessage(renderPrompt(options.prompts.repair, { problem: checked.problem, answer: checked.shown }));
      const second = await attempt(request, method, [...messages, repair], true);
      const again = second.kind === "answer" ? checkAnswer(second.answer, request.schema) : { ok: false as const, problem: second.failure.message };
      if (again.ok) return again.value;
      throw new ProviderError(redact(`the ${request.question} answer failed its schema, also after one repair attempt (${method}): ${again.problem}`));
    }
  }

  async function attempt(request: AnswerRequest<unknown>, method: StructuredOutputMethod, messages: BaseMessage[], repair: boolean): Promise<Attempt> {
    // The LangChain run this call is part of (a graph node's) cancels it: its reason is thrown, never retried nor
    // described as the call's failure.
    const signal = ambientSignal();
    for (let retry = 0; ; retry += 1) {
      signal?.throwIfAborted();
      const lent = pool.lend(request.model);
      let outcome: Attempt | { kind: "retry"; delayMs: number };
      try {
        outcome = await attemptOnce({ request, method, messages, repair, retry, lent, ...(signal ? { signal } : {}) });
      } finally {
        pool.release(request.model, lent);
      }
      if (outcome.kind !== "retry") return outcome;
      await options.sleep(outcome.delayMs, signal);
    }
  }

  // One HTTP attempt on a lent chat model: an answer, an unsupported method, a transient failure to retry after a
  // delay, or a thrown ProviderError.
  async function attemptOnce(input: { request: AnswerRequest<unknown>; method: StructuredOutputMethod; messages: BaseMessage[]; repair: boolean; retry: number; lent: LentChatModel; signal?: AbortSignal }): Promise<Attempt | { kind: "retry"; delayMs: number }> {
    const { request, method, messages, repair, retry, lent, signal } = input;
    const { chat, exchange } = lent;
    let structured: ReturnType<typeof structuredModel>;
    try {
      structured = structuredModel(lent, request, method);
    } catch (error) {
      // LangChain refuses some methods for some models before sending (json_schema for gpt-4-*, say).
      return { kind: "unsupported", failure: { status: undefined, message: redact(error instanceof Error ? error.message : String(error)), retryable: false, retryAfterMs: undefined } };
    }
    const config = { ...traceConfig(request, method, repair), ...(signal ? { signal } : {}) };
    const send = async (): Promise<BaseMessage> => (structured === undefined ? chat.invoke(messages, config) : (await structured.invoke(messages, config)).raw);
    try {
      const raw = options.throttle ? await options.throttle(throttledRequest(request, messages, exchange), send) : await send();
      return { kind: "answer", answer: report(request, method, repair, messages, answerFromMessage(raw)) };
    } catch (error) {
      signal?.throwIfAborted();
      if (error instanceof DocumentItError) throw error;
      // The client threw while parsing a 2xx answer (truncated JSON, schema mismatch): the wire still has it.
      const fromBody = exchange.status !== undefined && exchange.status < 300 ? answerFromBody(exchange.body) : undefined;
      if (fromBody) return { kind: "answer", answer: report(request, method, repair, messages, fromBody) };
      const failure = describeFailure(error, exchange, options.now());
      if (isUnsupportedMethod(failure, method)) return { kind: "unsupported", failure };
      const delayMs = failure.retryAfterMs ?? Math.round(options.retry.baseDelayMs * 2 ** retry * (0.5 + options.random() / 2));
      const status = failure.status === undefined ? "" : ` with HTTP ${failure.status}`;
      if (!failure.retryable || retry >= options.retry.maxRetries || delayMs > options.retry.maxDelayMs) {
        const tries = retry > 0 ? ` (after ${retry + 1} attempts)` : "";
        throw new ProviderError(redact(`the ${request.question} request to model ${request.model} failed${status}: ${failure.message}${tries}`), { ...(failure.status === undefined ? {} : { status: failure.status }), isRetryable: failure.retryable, contextLengthExceeded: failure.contextLengthExceeded ?? false });
      }
      options.onRetry?.({ question: request.question, model: request.model, retry: retry + 1, status: failure.status, delayMs, retryAfter: failure.retryAfterMs !== undefined, reason: redact(failure.message) });
      return { kind: "retry", delayMs };
    }
  }

  function throttledRequest(request: AnswerRequest<unknown>, messages: BaseMessage[], exchange: HttpExchange): ThrottledRequest {
    const response = () => describeResponse(exchange, { now: options.now(), redact });
    const maxOutputTokens = options.chat.maxOutputTokens;
    const onResponse = (listener: () => void) => void (exchange.onResponse ??= []).push(listener);
    return { question: request.question, model: request.model, estimatedInputTokens: estimatedTokens(messages), ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }), response, onResponse };
  }

  function report(request: AnswerRequest<unknown>, method: StructuredOutputMethod, repair: boolean, messages: BaseMessage[], answer: RawAnswer): RawAnswer {
    if (options.onUsage) {
      const usage = answer.usage ?? { inputTokens: textTokens(messages), outputTokens: countTokens(answer.text ?? JSON.stringify(answer.value) ?? ""), cachedInputTokens: 0 };
      options.onUsage({ question: request.question, model: request.model, ...usage, method, repair, estimated: answer.usage === undefined, ...subjects(request.trace) });
    }
    return answer;
  }

  return {
    answer,
    /** The structured output method each model asked so far settled on. */
    methods: (): Record<string, StructuredOutputMethod> => Object.fromEntries(methods),
  };
}

// Names, tags and metadata of the call's run in a LangSmith trace: ids and versions, never the API key.
function traceConfig(request: AnswerRequest<unknown>, method: StructuredOutputMethod, repair: boolean) {
  const name = request.trace?.name ?? request.question;
  return {
    runName: repair ? `${name} (repair)` : name,
    tags: request.trace?.tags ?? [],
    metadata: { ...request.trace?.metadata, question: request.question, model: request.model, structured_output: method, repair },
  };
}

// What a call was about, as its trace names it (graphs/trace.ts sets document_ids and topic_id).
function subjects(trace: LlmTrace | undefined): Pick<UsageReport, "documentIds" | "topicId"> {
  const documentIds = trace?.metadata["document_ids"];
  const topicId = trace?.metadata["topic_id"];
  return {
    ...(Array.isArray(documentIds) && trace?.metadata["batch_id"] !== undefined ? { documentIds } : {}),
    ...(typeof topicId === "string" ? { topicId } : {}),
  };
}

// The structured-output runnable of a lent model for the request's wire schema and method, built once per model.
function structuredModel(lent: LentChatModel, request: AnswerRequest<unknown>, method: StructuredOutputMethod) {
  if (method === "text") return undefined;
  const { name, schema } = request.wire;
  const bySchema = (lent.memo.get(schema) as Map<string, StructuredRunnable> | undefined) ?? new Map<string, StructuredRunnable>();
  lent.memo.set(schema, bySchema);
  const key = `${method}:${name}`;
  let structured = bySchema.get(key);
  if (!structured) {
    // The answer is checked against the zod schema here (checkAnswer), so json_schema can be sent as JSON Schema.
    structured = method === "jsonSchema" ? lent.chat.withStructuredOutput(strictJsonSchema(schema, name), { name, method, includeRaw: true, strict: true }) : lent.chat.withStructuredOutput(schema, { name, method, includeRaw: true });
    bySchema.set(key, structured);
  }
  return structured;
}

type StructuredRunnable = ReturnType<LentChatModel["chat"]["withStructuredOutput"]>;

const strictJsonSchemas = new WeakMap<z.ZodType, Map<string, Record<string, unknown>>>();

// The JSON Schema LangChain sends for a zod schema under json_schema (same conversion, every node titled with the
// name), made once per schema: given the zod schema, LangChain converts it again for every request and its trace.
function strictJsonSchema(schema: z.ZodType, name: string): Record<string, unknown> {
  const byName = strictJsonSchemas.get(schema) ?? new Map<string, Record<string, unknown>>();
  strictJsonSchemas.set(schema, byName);
  let converted = byName.get(name);
  if (!converted) {
    const jsonSchema = toJsonSchema(schema, { cycles: "ref", reused: "ref", override: (context) => void (context.jsonSchema.title = name) });
    // Plain data only: zod marks its output as a standard schema, which LangChain would convert once more.
    converted = JSON.parse(JSON.stringify(jsonSchema)) as Record<string, unknown>;
    byName.set(name, converted);
  }
  return converted;
}

/** The JSON Schema a prompt shows (the format prompt's `schema`); its `$schema` line tells the model nothing. */
export function schemaText(schema: z.ZodType): string {
  const { $schema: _dialect, ...rest } = toJsonSchema(schema) as Record<string, unknown>;
  return JSON.stringify(rest, null, 2);
}

function messagesText(messages: BaseMessage[]): string {
  return messages.map((message) => (typeof message.content === "string" ? message.content : JSON.stringify(message.content))).join("\n");
}

function textTokens(messages: BaseMessage[]): number {
  return countTokens(messagesText(messages));
}

// A throttle's charge before sending: tokenizing every whole prompt cost more CPU than the request's wait, and the
// limiter settles each charge with the usage the endpoint reports. About 4 characters make an o200k_base token.
function estimatedTokens(messages: BaseMessage[]): number {
  return Math.ceil(messagesText(messages).length / 4);
}

// The signal of the LangChain run this call is part of (a LangGraph node passes its own down this way).
function ambientSignal(): AbortSignal | undefined {
  return (AsyncLocalStorageProviderSingleton.getRunnableConfig() as { signal?: AbortSignal } | undefined)?.signal;
}
