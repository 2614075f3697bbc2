import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLlmLimiterRegistry, type LlmLimiterRegistry } from "../../src/llm-limiters.ts";
import { ProviderAuthError, ProviderError } from "../../src/providers/errors.ts";
import { createOpenAIAnalyser, type OpenAIAnalyserOptions } from "../../src/providers/openai/index.ts";
import { createLimiterThrottle } from "../../src/providers/openai/limiter-throttle.ts";
import { API_KEY, context, documents } from "../fixtures/openai-batch.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";

let server: MockOpenAIServer;
beforeEach(async () => {
  server = await startMockOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

// An analyser whose every request goes through `limiters`, as services wire it.
function limitedAnalyser(limiters: LlmLimiterRegistry, options: Partial<OpenAIAnalyserOptions> = {}) {
  return createOpenAIAnalyser({ model: "mock-model", baseUrl: server.baseUrl, apiKey: API_KEY, retryBaseDelayMs: 10, throttle: createLimiterThrottle({ limiters, endpoint: server.baseUrl }), ...options });
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

// Generous: the first call of a process loads the tokenizer, which takes seconds on a busy machine.
describe("the openai analyser behind the LLM limiter", { timeout: 30_000 }, () => {
  it("holds every caller through a 429's retry-after, not only the one that got it", async () => {
    // One request at a time: the 429 frees the only slot, so only the shared pause can keep the next caller out.
    const limiters = createLlmLimiterRegistry({ concurrency: 1 });
    server.behaviour.failures = { status: 429, count: 1, retryAfter: "1" };
    const analyser = limitedAnalyser(limiters);
    await Promise.all([analyser.topics({ context, documents }), analyser.summarize({ context, documents }), analyser.summarize({ context, documents })]);
    const completions = server.completions();
    expect(completions.map((request) => request.status)).toEqual([429, 200, 200, 200]);
    expect(completions[1]!.receivedAt - completions[0]!.respondedAt!).toBeGreaterThanOrEqual(1000);
    expect(limiters.stats()).toEqual([expect.objectContaining({ endpoint: server.baseUrl, model: "mock-model", requests: 4, rateLimited: 1, peakConcurrency: 1 })]);
  });

  it("never has more requests in flight than its concurrency", async () => {
    const limiters = createLlmLimiterRegistry({ concurrency: 2 });
    server.behaviour.delayMs = 20;
    const analyser = limitedAnalyser(limiters);
    await Promise.all(Array.from({ length: 6 }, () => analyser.summarize({ context, documents })));
    expect(server.counters.peakInFlight).toBe(2);
    expect(limiters.stats()[0]).toMatchObject({ requests: 6, peakConcurrency: 2 });
  });

  it("frees a slot once its response is in: the next caller's request goes out before that answer is handled", async () => {
    const events: string[] = [];
    const limiters = createLlmLimiterRegistry({ concurrency: 1 });
    const fetch: typeof globalThis.fetch = (input, init) => (events.push(`request ${events.filter((event) => event.startsWith("request")).length + 1}`), globalThis.fetch(input, init));
    const analyser = limitedAnalyser(limiters, { fetch });
    await Promise.all([
      analyser.summarize({ context, documents }).then(() => events.push("first answer handled")),
      analyser.topics({ context, documents }).then(() => events.push("second answer handled")),
    ]);
    expect(events).toEqual(["request 1", "request 2", "first answer handled", "second answer handled"]);
    expect(server.counters.peakInFlight).toBe(1);
  });

  it("settles each request's token charge with the usage the endpoint reports", async () => {
    const limiters = createLlmLimiterRegistry({ concurrency: 2, tokensPerMinute: 1_000_000 });
    await limitedAnalyser(limiters, { maxOutputTokens: 500 }).topics({ context, documents });
    const usage = server.completions()[0]!.usage!;
    expect(limiters.stats()[0]!.tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
  });

  it("stops at a 401: a clear error naming the endpoint and OPENAI_API_KEY, and no further request from any caller", async () => {
    const secret = "sk-proj-abcdefghijklmnop";
    server.behaviour.failures = { status: 401, count: 10, message: `Incorrect API key provided: ${secret}` };
    const limiters = createLlmLimiterRegistry({ concurrency: 1 });
    const analyser = limitedAnalyser(limiters, { apiKey: secret });
    const errors = await Promise.all([analyser.topics({ context, documents }), analyser.summarize({ context, documents }), analyser.synthesize({ context, topic: { id: "t", name: "T", documentIds: [] }, relatedTopics: [], sources: [] } as never)].map(rejectionOf));
    expect(server.completions()).toHaveLength(1);
    const error = errors[0] as ProviderAuthError;
    expect(error).toBeInstanceOf(ProviderAuthError);
    expect(error).toMatchObject({ code: "PROVIDER_UNAUTHORIZED", status: 401, isInputError: true });
    expect(error.message).toContain(`the LLM endpoint ${server.baseUrl} refused the API key (HTTP 401 for model mock-model: Incorrect API key provided: [redacted])`);
    expect(error.message).toContain("OPENAI_API_KEY");
    expect(error.message).not.toContain(secret);
    expect(errors[1]).toBe(error);
    // A later call of another model on the same endpoint is refused unsent too.
    expect(await rejectionOf(limitedAnalyser(limiters, { model: "other-model" }).topics({ context, documents }))).toBe(error);
    expect(server.completions()).toHaveLength(1);
  });

  it("classifies a context-length error, and does not retry it", async () => {
    server.script.push({ status: 400, body: { error: { message: "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.", type: "invalid_request_error", param: "messages", code: "context_length_exceeded" } } });
    const limiters = createLlmLimiterRegistry({ concurrency: 2 });
    const error = await rejectionOf(limitedAnalyser(limiters).summarize({ context, documents }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ status: 400, isRetryable: false, contextLengthExceeded: true });
    expect(server.completions()).toHaveLength(1);
  });
});
