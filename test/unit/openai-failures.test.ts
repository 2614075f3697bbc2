import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DocumentItError } from "../../src/errors.ts";
import { ProviderError, redactSecrets } from "../../src/providers/errors.ts";
import { createOpenAIAnalyser, type OpenAIAnalyserOptions, type RetryReport } from "../../src/providers/openai/index.ts";
import { API_KEY, context, contextInput, documents, synthesisInput } from "../fixtures/openai-batch.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";

let server: MockOpenAIServer;
let sleeps: number[];
beforeEach(async () => {
  server = await startMockOpenAIServer();
  sleeps = [];
});
afterEach(async () => {
  await server.close();
});

function analyser(options: Partial<OpenAIAnalyserOptions> = {}) {
  return createOpenAIAnalyser({
    model: "mock-model",
    baseUrl: server.baseUrl,
    apiKey: API_KEY,
    sleep: async (milliseconds) => {
      sleeps.push(milliseconds);
    },
    random: () => 0.5,
    retryBaseDelayMs: 100,
    ...options,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }
  throw new Error("expected the call to fail");
}

describe("transient failures", () => {
  it("waits what a 429's retry-after says, then retries", async () => {
    server.behaviour.failures = { status: 429, count: 1, retryAfter: "2" };
    const retries: RetryReport[] = [];
    expect(await analyser({ onRetry: (retry) => retries.push(retry) }).topics({ context, documents })).toHaveLength(2);
    expect(server.completions().map((request) => request.status)).toEqual([429, 200]);
    expect(sleeps).toEqual([2000]);
    expect(retries).toEqual([{ question: "topic", model: "mock-model", retry: 1, status: 429, delayMs: 2000, retryAfter: true, reason: "mock failure 429" }]);
  });

  it("backs off exponentially on a 429 without retry-after and on a 500", async () => {
    server.behaviour.failures = { status: 429, count: 2 };
    await analyser().topics({ context, documents });
    server.behaviour.failures = { status: 500, count: 1 };
    await analyser().topics({ context, documents });
    // 100 ms doubled per retry, times 0.75 from the fixed random 0.5.
    expect(sleeps).toEqual([75, 150, 75]);
    expect(server.completions().map((request) => request.status)).toEqual([429, 429, 200, 500, 200]);
  });

  it("gives up after maxRetries with a retryable error", async () => {
    server.behaviour.failures = { status: 503, count: 10 };
    const error = await failureOf(analyser({ maxRetries: 2 }).summarize({ context, documents }));
    expect(error.message).toBe("the summarize request to model mock-model failed with HTTP 503: mock failure 503 (after 3 attempts)");
    expect(error).toMatchObject({ status: 503, isRetryable: true, code: "ANALYSIS_FAILED", name: "ProviderError" });
    expect(server.completions()).toHaveLength(3);
  });

  it("fails at once, retryable, when retry-after asks for longer than the longest wait", async () => {
    server.behaviour.failures = { status: 429, count: 1, retryAfter: "600" };
    const error = await failureOf(analyser({ maxRetryDelayMs: 60_000 }).topics({ context, documents }));
    expect(error).toMatchObject({ status: 429, isRetryable: true });
    expect(sleeps).toEqual([]);
  });

  it("retries a timed-out request, then reports it without a status", async () => {
    server.behaviour.delayMs = 300;
    const error = await failureOf(analyser({ timeoutMs: 50, maxRetries: 1 }).topics({ context, documents }));
    expect(error.message).toMatch(/^the topic request to model mock-model failed: .*timed out.* \(after 2 attempts\)$/i);
    expect(error).toMatchObject({ status: undefined, isRetryable: true });
  });

  it("passes every HTTP attempt through the throttle hook", async () => {
    server.behaviour.failures = { status: 500, count: 1 };
    const throttled: Array<{ question: string; estimatedInputTokens: number }> = [];
    await analyser({
      throttle: async (request, send) => {
        throttled.push({ question: request.question, estimatedInputTokens: request.estimatedInputTokens });
        return send();
      },
    }).topics({ context, documents });
    expect(throttled.map((request) => request.question)).toEqual(["topic", "topic"]);
    expect(throttled[0]!.estimatedInputTokens).toBeGreaterThan(100);
  });
});

describe("secrets", () => {
  it("keeps the API key out of an error even when the endpoint echoes it", async () => {
    server.behaviour.failures = { status: 401, count: 1, message: `Incorrect API key provided: ${API_KEY}. Authorization: Bearer ${API_KEY}` };
    const error = await failureOf(analyser().topics({ context, documents }));
    expect(server.completions()[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(error.message).toBe("the topic request to model mock-model failed with HTTP 401: Incorrect API key provided: [redacted]. Authorization: Bearer [redacted]");
    expect(error).toMatchObject({ status: 401, isRetryable: false });
    expect(inspect(error, { depth: 10 })).not.toContain(API_KEY);
  });

  it("keeps the API key out of every error message the analyser throws", async () => {
    const messages: string[] = [];
    const echo = `key ${API_KEY} was used`;
    const scenarios: Array<() => Promise<unknown>> = [
      () => ((server.behaviour.failures = { status: 500, count: 10, message: echo }), analyser({ maxRetries: 1 }).topics({ context, documents })),
      () => ((server.behaviour.failures = { status: 403, count: 1, message: echo }), analyser().synthesize(synthesisInput())),
      () => ((server.behaviour.failures = undefined), (server.behaviour.invalidAnswers = 2), analyser().buildContext(contextInput)),
      () => (server.script.push({ status: 400, body: { error: { message: `json_schema unsupported for ${API_KEY}` } } }, { status: 400, body: { error: { message: `tools unsupported for ${API_KEY}` } } }, { status: 400, body: { error: { message: `response_format json_object unsupported for ${API_KEY}` } } }, { status: 400, body: { error: { message: echo } } }), analyser().summarize({ context, documents })),
    ];
    for (const scenario of scenarios) messages.push((await failureOf(scenario())).message);
    expect(messages).toHaveLength(4);
    expect(messages[3]).toBe("the summarize request to model mock-model failed with HTTP 400: key [redacted] was used");
    for (const message of messages) expect(message).not.toContain(API_KEY);
  });

  it("redacts the given secrets and anything shaped like an OpenAI key", () => {
    expect(redactSecrets("key abc123 and sk-proj-****wxyz, authorization: Bearer zzz", ["abc123"])).toBe("key [redacted] and [redacted], authorization: Bearer [redacted]");
  });

  it("needs an API key or a base URL", () => {
    expect(() => createOpenAIAnalyser({ model: "gpt-4o-mini" })).toThrow(DocumentItError);
    expect(() => createOpenAIAnalyser({ model: "gpt-4o-mini" })).toThrow("the openai provider needs an API key (OPENAI_API_KEY) or the base URL of an OpenAI-compatible endpoint");
  });
});
