/**
 * An OpenAI-compatible chat completions server on 127.0.0.1 for tests and benchmarks: schema-valid answers
 * generated from the request, every request recorded, simulated prefix caching, and scriptable failures.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { contentText, generateFromSchema, readPromptFacts, schemaInPrompt } from "./mock-openai-answers.ts";

/** How the server misbehaves; mutate it between (or during) requests. */
export interface MockBehaviour {
  /** Answer `response_format: json_schema` with a 400, as vLLM and older Ollama builds do. */
  rejectJsonSchema: boolean;
  /** Answer requests with `tools` with a 400, as Ollama does for models without tool support. */
  rejectTools: boolean;
  /** Answer `response_format: json_object` with a 400, as LM Studio does. */
  rejectJsonObject: boolean;
  /** The next N answers are JSON that fails any answer schema. */
  invalidAnswers: number;
  /** The next N answers are cut off in the middle of the JSON, with `finish_reason: "length"`. */
  truncatedAnswers: number;
  /** The next `count` requests get this HTTP status (429 with or without `retry-after`, 500, 401…). */
  failures?: { status: number; count: number; retryAfter?: string; message?: string };
  /** Held before answering each request, in milliseconds. */
  delayMs: number;
  /** Once this many chat completions are answered, later ones are never answered (a run to be killed part-way). */
  holdAfter?: number;
}

/**
 * Rate limits enforced over a sliding window (a minute unless `windowMs` says otherwise); over a limit, a 429
 * with `retry-after`. Every chat completion answer then carries OpenAI's `x-ratelimit-*` headers, where
 * `reset` is the time until the window has room for one more.
 */
export interface MockLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

/** A scripted response, used before the behaviour: a raw HTTP answer, or an answer in the request's format. */
export type MockScript = { status: number; body: unknown; headers?: Record<string, string> } | { answer: unknown; finishReason?: string };

/** How the request asked for structured output. */
export type RequestFormat = "json_schema" | "tools" | "json_object" | "text";

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined for a body that is not JSON). */
  body: any;
  /** Epoch milliseconds. */
  receivedAt: number;
  format: RequestFormat;
  /** The HTTP status answered. */
  status: number;
  /** Epoch milliseconds the answer was sent. */
  respondedAt?: number;
  /** The usage returned, for answers. */
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number; prompt_tokens_details: { cached_tokens: number } };
}

/** Options of startMockOpenAIServer. */
export interface MockOpenAIServerOptions {
  behaviour?: Partial<MockBehaviour>;
  limits?: MockLimits;
  /** Fewest common-prefix tokens that count as cached (OpenAI: 1024); 0 by default. */
  cacheMinimumTokens?: number;
  /**
   * A prompt's prefix counts as cached only for requests that arrive after it was answered, as a provider caches a
   * prefix once it has processed it (two requests sent together both miss). Off by default: any prompt answered
   * earlier counts, whenever the later request arrived.
   */
  cacheAfterAnswer?: boolean;
  /** The window `limits` count over; 60,000 ms by default (tests shorten it). */
  windowMs?: number;
  /** Asked first for every chat completion (after limits and `failures`): a response, or undefined for the usual one; may wait. */
  respond?: (request: RecordedRequest) => MockScript | undefined | Promise<MockScript | undefined>;
  now?: () => number;
  /** How prompt and answer tokens are counted; roughTokens (characters / 4) by default. */
  countTokens?: (text: string) => number;
}

/** What the server counted. */
export interface MockCounters {
  /** Requests being answered now. */
  inFlight: number;
  /** Most requests being answered at once. */
  peakInFlight: number;
  /** Requests refused with a 429 for `limits` (not for scripted failures). */
  refusedForLimit: number;
  /** Chat completions held unanswered by `behaviour.holdAfter`. */
  held: number;
}

/** A running mock server. */
export interface MockOpenAIServer {
  /** `http://127.0.0.1:PORT/v1`, the base URL clients take. */
  baseUrl: string;
  requests: RecordedRequest[];
  behaviour: MockBehaviour;
  script: MockScript[];
  counters: MockCounters;
  /** Chat completion requests only. */
  completions(): RecordedRequest[];
  close(): Promise<void>;
}

/** Rough token count the mock reports: one token per four characters. */
export function roughTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The format a chat completion body asks for. */
export function requestFormat(body: any): RequestFormat {
  if (body?.response_format?.type === "json_schema") return "json_schema";
  if (Array.isArray(body?.tools) && body.tools.length > 0) return "tools";
  if (body?.response_format?.type === "json_object") return "json_object";
  return "text";
}

const REJECTIONS: Record<"json_schema" | "tools" | "json_object", { flag: keyof MockBehaviour; body: unknown }> = {
  json_schema: { flag: "rejectJsonSchema", body: { object: "error", message: "response_format type 'json_schema' is not supported by this server", type: "BadRequestError", param: null, code: 400 } },
  tools: { flag: "rejectTools", body: { error: { message: "registry.ollama.ai/library/mock does not support tools", type: "api_error", param: null, code: null } } },
  json_object: { flag: "rejectJsonObject", body: { error: "'response_format.type' must be 'json_schema' or 'text'" } },
};

/** Starts the server on an ephemeral port of 127.0.0.1. */
export async function startMockOpenAIServer(options: MockOpenAIServerOptions = {}): Promise<MockOpenAIServer> {
  const now = options.now ?? Date.now;
  const behaviour: MockBehaviour = { rejectJsonSchema: false, rejectTools: false, rejectJsonObject: false, invalidAnswers: 0, truncatedAnswers: 0, delayMs: 0, ...options.behaviour };
  const requests: RecordedRequest[] = [];
  const script: MockScript[] = [];
  const seenPrompts: Array<{ parts: string[]; answeredAt: number }> = [];
  const window: Array<{ at: number; tokens: number }> = [];
  const windowMs = options.windowMs ?? 60_000;
  const counters: MockCounters = { inFlight: 0, peakInFlight: 0, refusedForLimit: 0, held: 0 };
  let sequence = 0;
  const tokensOf = options.countTokens ?? roughTokens;

  const server = createServer(async (request, response) => {
    counters.inFlight += 1;
    counters.peakInFlight = Math.max(counters.peakInFlight, counters.inFlight);
    response.on("close", () => (counters.inFlight -= 1));
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body: any;
    try {
      body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
    } catch {
      body = undefined;
    }
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const record: RecordedRequest = { method: request.method ?? "", path, headers: request.headers, body, receivedAt: now(), format: requestFormat(body), status: 0 };
    requests.push(record);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      record.respondedAt = now();
      const limitHeaders = path === "/v1/chat/completions" ? rateLimitHeaders() : {};
      response.writeHead(status, { "content-type": "application/json", ...limitHeaders, ...headers }).end(JSON.stringify(payload));
    };
    if (behaviour.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    if (request.method === "GET" && path === "/v1/models") return send(200, { object: "list", data: [{ id: "mock", object: "model" }] });
    if (request.method !== "POST" || path !== "/v1/chat/completions") return send(404, { error: { message: `no route ${request.method} ${path}` } });
    if (!body || !Array.isArray(body.messages)) return send(400, { error: { message: "body must be JSON with messages" } });
    if (behaviour.holdAfter !== undefined && sequence >= behaviour.holdAfter) {
      counters.held += 1;
      return;
    }

    const parts = promptParts(body);
    const promptTokens = parts.reduce((sum, part) => sum + tokensOf(part), 0);
    const limited = overLimit(promptTokens);
    if (limited !== undefined) counters.refusedForLimit += 1;
    if (limited !== undefined) return send(429, { error: { message: "Rate limit reached (mock limits)", type: "requests", code: "rate_limit_exceeded" } }, { "retry-after": String(limited) });
    const failure = behaviour.failures;
    if (failure && failure.count > 0) {
      failure.count -= 1;
      return send(failure.status, { error: { message: failure.message ?? `mock failure ${failure.status}`, type: "server_error" } }, failure.retryAfter === undefined ? {} : { "retry-after": failure.retryAfter });
    }
    const scripted = (await options.respond?.(record)) ?? script.shift();
    if (scripted && "status" in scripted) return send(scripted.status, scripted.body, scripted.headers);
    if (record.format !== "text") {
      const rejection = REJECTIONS[record.format];
      if (behaviour[rejection.flag]) return send(400, rejection.body);
    }

    let answer: string;
    let finishReason = scripted?.finishReason ?? "stop";
    if (scripted) answer = typeof scripted.answer === "string" ? scripted.answer : JSON.stringify(scripted.answer);
    else answer = generateAnswer(body, record.format);
    if (!scripted && behaviour.truncatedAnswers > 0) {
      behaviour.truncatedAnswers -= 1;
      answer = answer.slice(0, Math.max(1, Math.floor(answer.length / 2)));
      finishReason = "length";
    } else if (!scripted && behaviour.invalidAnswers > 0) {
      behaviour.invalidAnswers -= 1;
      answer = JSON.stringify({ unexpected: "an answer that fails the schema" });
    }
    const cachedTokens = cachedPrefixTokens(parts, record.receivedAt);
    const completionTokens = tokensOf(answer);
    record.usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens, prompt_tokens_details: { cached_tokens: cachedTokens } };
    window.push({ at: now(), tokens: promptTokens + completionTokens });
    sequence += 1;
    return send(200, {
      id: `chatcmpl-mock-${sequence}`,
      object: "chat.completion",
      created: Math.floor(now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: assistantMessage(body, record.format, answer, sequence), finish_reason: record.format === "tools" && finishReason === "stop" ? "tool_calls" : finishReason, logprobs: null }],
      usage: record.usage,
    });
  });

  // A prompt as cacheable parts: the schema or tools (OpenAI puts them first), then each message.
  function promptParts(body: any): string[] {
    return [JSON.stringify({ tools: body.tools ?? null, response_format: body.response_format ?? null }), ...body.messages.map((message: unknown) => JSON.stringify(message))];
  }

  function cachedPrefixTokens(parts: string[], receivedAt: number): number {
    let best = 0;
    for (const seen of seenPrompts) {
      if (options.cacheAfterAnswer && seen.answeredAt > receivedAt) continue;
      let common = 0;
      while (common < parts.length && common < seen.parts.length && parts[common] === seen.parts[common]) common += 1;
      best = Math.max(best, common);
    }
    seenPrompts.push({ parts, answeredAt: now() });
    const tokens = parts.slice(0, best).reduce((sum, part) => sum + tokensOf(part), 0);
    return tokens >= (options.cacheMinimumTokens ?? 0) ? tokens : 0;
  }


  // Seconds until the request fits the limits, or undefined when it fits now.
  function overLimit(tokens: number): number | undefined {
    const limits = options.limits;
    if (!limits) return undefined;
    expire();
    const overRequests = limits.requestsPerMinute !== undefined && window.length >= limits.requestsPerMinute;
    const overTokens = limits.tokensPerMinute !== undefined && window.reduce((sum, entry) => sum + entry.tokens, 0) + tokens > limits.tokensPerMinute;
    if (!overRequests && !overTokens) return undefined;
    return Math.max(1, Math.ceil(((window[0]?.at ?? now()) + windowMs - now()) / 1000));
  }

  function expire(): void {
    const since = now() - windowMs;
    while (window.length > 0 && window[0]!.at <= since) window.shift();
  }

  // OpenAI's headers for the window as it stands: limit, what is left, and when one more fits.
  function rateLimitHeaders(): Record<string, string> {
    const limits = options.limits;
    if (!limits) return {};
    expire();
    const headers: Record<string, string> = {};
    const reset = formatDuration(window.length === 0 ? 0 : window[0]!.at + windowMs - now());
    if (limits.requestsPerMinute !== undefined) {
      headers["x-ratelimit-limit-requests"] = String(limits.requestsPerMinute);
      headers["x-ratelimit-remaining-requests"] = String(Math.max(0, limits.requestsPerMinute - window.length));
      headers["x-ratelimit-reset-requests"] = reset;
    }
    if (limits.tokensPerMinute !== undefined) {
      headers["x-ratelimit-limit-tokens"] = String(limits.tokensPerMinute);
      headers["x-ratelimit-remaining-tokens"] = String(Math.max(0, limits.tokensPerMinute - window.reduce((sum, entry) => sum + entry.tokens, 0)));
      headers["x-ratelimit-reset-tokens"] = reset;
    }
    return headers;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    behaviour,
    script,
    counters,
    completions: () => requests.filter((request) => request.path === "/v1/chat/completions"),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// A duration as OpenAI writes it: "20ms", "1s", "6m0s".
function formatDuration(milliseconds: number): string {
  const rounded = Math.max(0, Math.ceil(milliseconds));
  if (rounded < 1000) return `${rounded}ms`;
  const minutes = Math.floor(rounded / 60_000);
  const seconds = Math.ceil((rounded % 60_000) / 1000);
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

function generateAnswer(body: any, format: RequestFormat): string {
  const facts = readPromptFacts(body.messages);
  if (format === "json_schema") return JSON.stringify(generateFromSchema(body.response_format.json_schema.schema, facts));
  if (format === "tools") {
    const name = body.tool_choice?.function?.name;
    const tool = body.tools.find((candidate: any) => candidate.function?.name === name) ?? body.tools[0];
    return JSON.stringify(generateFromSchema(tool.function.parameters, facts));
  }
  const schema = schemaInPrompt(facts);
  const value = schema === undefined ? { answer: contentText(body.messages.at(-1)?.content).slice(0, 40) } : generateFromSchema(schema, facts);
  // A chatty plain-text model wraps its JSON; JSON mode returns it bare.
  return format === "text" ? `Here is the answer:\n\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\`` : JSON.stringify(value);
}

function assistantMessage(body: any, format: RequestFormat, answer: string, sequence: number): Record<string, unknown> {
  if (format !== "tools") return { role: "assistant", content: answer, refusal: null };
  const name = body.tool_choice?.function?.name ?? body.tools[0]?.function?.name;
  return { role: "assistant", content: null, refusal: null, tool_calls: [{ id: `call_mock_${sequence}`, type: "function", function: { name, arguments: answer } }] };
}
