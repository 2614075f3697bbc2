import type { HttpExchange } from "./chat-model.ts";
import type { StructuredOutputMethod } from "./structured-output-method.ts";

/** What went wrong with one HTTP attempt. */
export interface HttpFailure {
  /** HTTP status; undefined when no answer came (connection error, timeout). */
  status: number | undefined;
  /** The endpoint's own error message, else the client's. */
  message: string;
  /** Trying again may succeed: no answer, 408, 409, 429 or 5xx. */
  retryable: boolean;
  /** From `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
  retryAfterMs: number | undefined;
  /** The input is longer than the model's context window (code `context_length_exceeded`, or its message). */
  contextLengthExceeded?: boolean;
}

/** One attempt's response as a limiter needs it, once the attempt has settled; fields stay unset when unknown. */
export interface AttemptResponse {
  /** HTTP status; undefined when no answer came. */
  status?: number;
  headers?: Headers;
  /** The usage a 2xx answer reported. */
  usage?: { inputTokens: number; outputTokens: number };
  retryAfterMs?: number;
  /** The endpoint's own error message, for a failed status (pass `redact`: endpoints echo keys). */
  message?: string;
}

const CONTEXT_LENGTH_WORDS = /context length|context window|maximum context|context_length_exceeded|too many tokens/i;

/** Describes a failed attempt from what the wire carried, falling back to the thrown error. */
export function describeFailure(error: unknown, exchange: HttpExchange, now: number): HttpFailure {
  const status = exchange.status !== undefined && exchange.status >= 400 ? exchange.status : statusOf(error);
  const message = endpointMessage(exchange.body) ?? (error instanceof Error ? error.message : String(error));
  const aborted = error instanceof Error && error.name === "AbortError";
  const retryable = !aborted && (status === undefined || status === 408 || status === 409 || status === 429 || status >= 500);
  const contextLengthExceeded = (status === 400 || status === 413) && (endpointCode(exchange.body) === "context_length_exceeded" || CONTEXT_LENGTH_WORDS.test(message));
  return { status, message: oneLine(message), retryable, retryAfterMs: retryAfter(exchange.headers, now), ...(contextLengthExceeded ? { contextLengthExceeded } : {}) };
}

/** What the wire carried for one attempt: status, headers, the usage of an answer, `retry-after` and the error message. */
export function describeResponse(exchange: HttpExchange, options: { now: number; redact: (text: string) => string }): AttemptResponse {
  const { status, headers, body } = exchange;
  const retryAfterMs = retryAfter(headers, options.now);
  const message = status !== undefined && status >= 400 ? endpointMessage(body) : undefined;
  return {
    ...(status === undefined ? {} : { status }),
    ...(headers === undefined ? {} : { headers }),
    ...(status !== undefined && status < 300 ? usageOf(body) : {}),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(message === undefined ? {} : { message: options.redact(oneLine(message)) }),
  };
}

const FEATURE_WORDS: Record<Exclude<StructuredOutputMethod, "text">, RegExp> = {
  jsonSchema: /response_format|json_schema|json schema|structured output|guided/i,
  functionCalling: /\btools?\b|tool_choice|function/i,
  jsonMode: /response_format|json_object|json mode/i,
};

/**
 * True when a failure says the endpoint does not support the structured output method: a 400 or 422 whose
 * message names the feature. A context-length error mentions functions too, so it never counts.
 */
export function isUnsupportedMethod(failure: HttpFailure, method: StructuredOutputMethod): boolean {
  if (method === "text" || (failure.status !== 400 && failure.status !== 422)) return false;
  if (failure.contextLengthExceeded || CONTEXT_LENGTH_WORDS.test(failure.message)) return false;
  return FEATURE_WORDS[method].test(failure.message);
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === "number" ? status : undefined;
}

function endpointMessage(body: string | undefined): string | undefined {
  if (body === undefined || body.trim() === "") return undefined;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const error = parsed.error;
    if (typeof error === "string") return error;
    if (error && typeof (error as { message?: unknown }).message === "string") return (error as { message: string }).message;
    for (const key of ["message", "detail"]) if (typeof parsed[key] === "string") return parsed[key] as string;
  } catch {
    // Not JSON: the text itself is the message.
  }
  return body.slice(0, 300);
}

function endpointCode(body: string | undefined): unknown {
  try {
    return (JSON.parse(body ?? "") as { error?: { code?: unknown } }).error?.code;
  } catch {
    return undefined;
  }
}

function usageOf(body: string | undefined): { usage?: AttemptResponse["usage"] } {
  try {
    const usage = (JSON.parse(body ?? "") as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } }).usage;
    if (typeof usage?.prompt_tokens !== "number") return {};
    return { usage: { inputTokens: usage.prompt_tokens, outputTokens: typeof usage.completion_tokens === "number" ? usage.completion_tokens : 0 } };
  } catch {
    return {};
  }
}

function retryAfter(headers: Headers | undefined, now: number): number | undefined {
  const milliseconds = Number(headers?.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers?.get("retry-after");
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 500);
}
