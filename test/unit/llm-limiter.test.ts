import { describe, expect, it } from "vitest";
import { type LlmLimiter, type LlmLimiterOptions, type LlmPermit, createLlmLimiter } from "../../src/llm-limiter.ts";
import { createLlmLimiterRegistry } from "../../src/llm-limiters.ts";
import { parseRateLimitDuration, readRateLimitHeaders } from "../../src/rate-limit-headers.ts";
import { type FakeClock, createFakeClock, settle } from "../helpers/fake-clock.ts";

// Requests, each granted at a fake time; `granted` fills in as the limiter lets them go.
function caller(limiter: LlmLimiter, clock: FakeClock, tokens = 1) {
  const granted: Array<{ at: number; permit: LlmPermit }> = [];
  const refused: Error[] = [];
  const ask = (count = 1) => {
    for (let index = 0; index < count; index += 1) {
      limiter.acquire({ tokens }).then(
        (permit) => granted.push({ at: clock.now(), permit }),
        (error: Error) => refused.push(error),
      );
    }
  };
  return { granted, refused, ask };
}

function setup(options: Partial<LlmLimiterOptions> = {}) {
  const clock = createFakeClock();
  const limiter = createLlmLimiter({ concurrency: 100, now: clock.now, sleep: clock.sleep, ...options });
  return { clock, limiter, ...caller(limiter, clock, options.tokensPerMinute ? 200 : 1) };
}

// The most grants in any window of `windowMs` (a sliding window, as a server counts).
function mostInWindow(times: number[], windowMs: number): number {
  let most = 0;
  for (const start of times) most = Math.max(most, times.filter((time) => time >= start && time < start + windowMs).length);
  return most;
}

describe("requests per minute", () => {
  it("never lets more than the limit into any minute, and keeps above 90% of it", async () => {
    const { clock, granted, ask } = setup({ requestsPerMinute: 60, concurrency: 1000 });
    ask(200);
    await clock.advance(180_000);
    const times = granted.map((grant) => grant.at);
    expect(mostInWindow(times, 60_000)).toBeLessThanOrEqual(60);
    // A burst of 2 (two seconds' worth), then 58 per 61 seconds.
    expect(times.length).toBe(2 + Math.floor((180_000 * 58) / 61_000));
    expect(times.length).toBeGreaterThanOrEqual(0.9 * 180);
  });

  it("takes the limit from x-ratelimit headers when none is configured", async () => {
    const { clock, limiter, granted, ask } = setup();
    ask(3);
    await settle();
    expect(granted).toHaveLength(3);
    granted[0]!.permit.settle({ status: 200, headers: { "x-ratelimit-limit-requests": "60", "x-ratelimit-remaining-requests": "57" } });
    ask(3);
    await settle();
    // The new bucket holds a burst of two (two seconds of 60 a minute); the third waits for the refill.
    expect(granted.map((grant) => grant.at)).toEqual([0, 0, 0, 0, 0]);
    await clock.advance(Math.ceil(61_000 / 58));
    expect(granted.map((grant) => grant.at)).toEqual([0, 0, 0, 0, 0, Math.ceil(61_000 / 58)]);
    expect(limiter.stats().requests).toBe(6);
  });
});

describe("tokens per minute", () => {
  it("charges the estimate before the request and settles with the real usage", async () => {
    // 6,000 tokens a minute: a burst of 200, refilled at 5,800 per 61 seconds; each request is estimated at 200.
    const { clock, limiter, granted, ask } = setup({ tokensPerMinute: 6000 });
    ask(2);
    await settle();
    expect(granted).toHaveLength(1);
    granted[0]!.permit.settle({ status: 200, usedTokens: 80 });
    // 120 of the 200 charged come back: 80 more are needed, not 200.
    const wait = Math.ceil(80 / (5800 / 61_000));
    await clock.advance(wait - 1);
    expect(granted).toHaveLength(1);
    await clock.advance(1);
    expect(granted.map((grant) => grant.at)).toEqual([0, wait]);
    expect(limiter.stats().tokens).toBe(280);
  });

  it("serves a request larger than the burst once the bucket has filled to it", async () => {
    const { clock, limiter, granted } = setup({ tokensPerMinute: 6000 });
    limiter.acquire({ tokens: 1000 }).then((permit) => granted.push({ at: clock.now(), permit }));
    await clock.advance(20_000);
    expect(granted).toHaveLength(1);
    expect(granted[0]!.at).toBeGreaterThan(0);
  });
});

describe("concurrency", () => {
  it("halves on a 429 (once per burst of answers) and climbs back by one after a run of successes", async () => {
    const { limiter, granted, ask } = setup({ concurrency: 8 });
    ask(8);
    await settle();
    expect(granted).toHaveLength(8);
    // Eight answers to requests sent before the back-off halve it once, not eight times.
    for (const grant of granted.splice(0, 3)) grant.permit.settle({ status: 429 });
    expect(limiter.stats()).toMatchObject({ concurrency: 4, rateLimited: 3, peakConcurrency: 8 });
    // Successes of requests sent before the back-off do not count towards climbing.
    for (const grant of granted.splice(0)) grant.permit.settle({ status: 200 });
    ask(10);
    await settle();
    expect(limiter.stats().concurrency).toBe(4);
    expect(granted).toHaveLength(4);
    // Four successes in a row at concurrency 4 make it 5: one more request goes.
    for (const grant of granted.splice(0, 4)) grant.permit.settle({ status: 200 });
    await settle();
    expect(limiter.stats().concurrency).toBe(5);
    expect(granted).toHaveLength(5);
  });

  it("never climbs above the configured cap", async () => {
    const { limiter, granted, ask } = setup({ concurrency: 2 });
    for (let round = 0; round < 5; round += 1) {
      ask(2);
      await settle();
      for (const grant of granted.splice(0)) grant.permit.settle({ status: 200 });
    }
    expect(limiter.stats()).toMatchObject({ concurrency: 2, peakConcurrency: 2, requests: 10 });
  });
});

describe("retry-after", () => {
  it("holds every caller of the limiter, not only the one that got the 429", async () => {
    const { clock, limiter, granted, ask } = setup({ concurrency: 4 });
    ask(2);
    await settle();
    granted[0]!.permit.settle({ status: 429, retryAfterMs: 2000 });
    // Concurrency halved to 2 with one request in flight: without the pause, one more would go at once.
    ask(3);
    await clock.advance(1999);
    expect(granted).toHaveLength(2);
    await clock.advance(1);
    expect(granted.map((grant) => grant.at)).toEqual([0, 0, 2000]);
    expect(limiter.stats().waitedMs).toBe(2000);
  });
});

describe("x-ratelimit headers", () => {
  it("hold requests until the reset when the endpoint says none remain", async () => {
    const { clock, granted, ask } = setup({ requestsPerMinute: 600 });
    ask(1);
    await settle();
    granted[0]!.permit.settle({ status: 200, headers: new Headers({ "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1s500ms" }) });
    // The bucket itself still holds 19 of its burst of 20.
    ask(1);
    await clock.advance(1499);
    expect(granted).toHaveLength(1);
    await clock.advance(1);
    expect(granted.map((grant) => grant.at)).toEqual([0, 1500]);
  });

  it("lower the bucket to what the endpoint says remains", async () => {
    const { granted, ask } = setup({ tokensPerMinute: 60_000 });
    ask(1);
    await settle();
    granted[0]!.permit.settle({ status: 200, usedTokens: 100, headers: { "x-ratelimit-remaining-tokens": "50" } });
    ask(1);
    await settle();
    // The burst of 2,000 less the 100 used leaves 1,900 by our count, but only 50 by the endpoint's: 200 must wait.
    expect(granted).toHaveLength(1);
  });

  it("reads OpenAI's durations and counts", () => {
    expect(["1s", "6m0s", "20ms", "1m30.5s", "2h", "0.5", "", "soon", undefined].map(parseRateLimitDuration)).toEqual([1000, 360_000, 20, 90_500, 7_200_000, 500, undefined, undefined, undefined]);
    expect(readRateLimitHeaders(new Headers({ "x-ratelimit-limit-tokens": "150000", "x-ratelimit-remaining-tokens": "149984", "x-ratelimit-reset-tokens": "6ms", "x-ratelimit-remaining-requests": "many" }))).toEqual({
      requests: {},
      tokens: { limit: 150_000, remaining: 149_984, resetMs: 6 },
    });
  });
});

describe("stopping", () => {
  it("refuses waiting and later callers with the stop error, and counts nothing for them", async () => {
    const { limiter, granted, refused, ask } = setup({ concurrency: 1 });
    ask(3);
    await settle();
    const error = new Error("key rejected");
    limiter.stop(error);
    ask(1);
    await settle();
    expect(granted).toHaveLength(1);
    expect(refused).toEqual([error, error, error]);
    expect(limiter.stats().requests).toBe(1);
  });

  it("keeps one limiter per endpoint and model, and stops a whole endpoint, later models included", async () => {
    const registry = createLlmLimiterRegistry({ concurrency: 2 });
    const small = registry.limiterFor({ endpoint: "https://a.test/v1", model: "small" });
    expect(registry.limiterFor({ endpoint: "https://a.test/v1", model: "small" })).toBe(small);
    const large = registry.limiterFor({ endpoint: "https://a.test/v1", model: "large" });
    const other = registry.limiterFor({ endpoint: "https://b.test/v1", model: "small" });
    expect(new Set([small, large, other]).size).toBe(3);
    const error = new Error("401");
    registry.stopEndpoint("https://a.test/v1", error);
    expect([small.stopped, large.stopped, other.stopped]).toEqual([error, error, undefined]);
    expect(registry.limiterFor({ endpoint: "https://a.test/v1", model: "new" }).stopped).toBe(error);
    await expect(large.acquire({ tokens: 1 })).rejects.toBe(error);
    expect(registry.stats().map((entry) => [entry.endpoint, entry.model])).toEqual([
      ["https://a.test/v1", "small"],
      ["https://a.test/v1", "large"],
      ["https://b.test/v1", "small"],
      ["https://a.test/v1", "new"],
    ]);
    // A new run (services outlive runs under `langgraph dev`) tries the stopped endpoint again; the other keeps its limiter.
    registry.reopenStopped();
    const reopened = registry.limiterFor({ endpoint: "https://a.test/v1", model: "small" });
    expect(reopened).not.toBe(small);
    expect(reopened.stopped).toBeUndefined();
    await reopened.acquire({ tokens: 1 });
    expect(registry.limiterFor({ endpoint: "https://b.test/v1", model: "small" })).toBe(other);
  });
});
