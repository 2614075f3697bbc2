/**
 * The one limiter every LLM request of an endpoint and model goes through: requests and tokens per minute as
 * token buckets, a concurrency cap that halves on a 429 and climbs back on success, a `retry-after` pause
 * that holds every caller, and the endpoint's `x-ratelimit-*` headers correcting the buckets.
 */
import { type HeaderSource, type RateLimitState, readRateLimitHeaders } from "./rate-limit-headers.ts";
import { type TokenBucket, createTokenBucket } from "./token-bucket.ts";

/** Options of createLlmLimiter. */
export interface LlmLimiterOptions {
  /** Most requests in flight; the cap the back-off climbs back to. */
  concurrency: number;
  /** Requests per window; when unset, taken from the endpoint's `x-ratelimit-limit-requests` once it sends one. */
  requestsPerMinute?: number;
  /** Tokens (input plus output) per window; when unset, taken from `x-ratelimit-limit-tokens`. */
  tokensPerMinute?: number;
  /** The window the per-minute limits count over; 60,000 ms by default (tests and benchmarks shorten it). */
  windowMs?: number;
  now?: () => number;
  sleep?: (milliseconds: number) => Promise<void>;
}

/** What one request is expected to cost. */
export interface LlmRequestEstimate {
  /** Input tokens plus the output tokens expected. */
  tokens: number;
}

/** How one request went, as far as the limiter cares. */
export interface LlmResponseReport {
  /** HTTP status; undefined when no answer came (network error, timeout). */
  status?: number;
  headers?: HeaderSource;
  /** Input plus output tokens the endpoint reported; the estimate stands when unset. */
  usedTokens?: number;
  /** The endpoint's `retry-after`, in milliseconds. */
  retryAfterMs?: number;
}

/** A granted request; settle it exactly once when its response (or failure) is known. */
export interface LlmPermit {
  settle(report: LlmResponseReport): void;
}

/** What the limiter has done so far. */
export interface LlmLimiterStats {
  /** Requests granted. */
  requests: number;
  /** Tokens charged, settled with the real usage where it was reported. */
  tokens: number;
  /** Most requests in flight at once. */
  peakConcurrency: number;
  /** The concurrency allowed now (the cap, or less after a 429). */
  concurrency: number;
  /** 429 answers seen. */
  rateLimited: number;
  /** Milliseconds callers spent waiting for a grant, summed over callers. */
  waitedMs: number;
}

/** A limiter of one endpoint and model. */
export interface LlmLimiter {
  /** Waits until the request may be sent; rejects once the limiter is stopped. */
  acquire(estimate: LlmRequestEstimate): Promise<LlmPermit>;
  /** Refuses every waiting and later request with `error` (a run-level failure such as a rejected API key). */
  stop(error: Error): void;
  /** The error the limiter was stopped with. */
  readonly stopped: Error | undefined;
  stats(): LlmLimiterStats;
}

interface Waiter {
  tokens: number;
  since: number;
  grant: (permit: LlmPermit) => void;
  refuse: (error: Error) => void;
}

/** Creates a limiter; callers are served first come, first served. */
export function createLlmLimiter(options: LlmLimiterOptions): LlmLimiter {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${options.concurrency}`);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  const bucket = (limit: number | undefined) => (limit === undefined ? undefined : createTokenBucket({ limit, now, ...(options.windowMs === undefined ? {} : { windowMs: options.windowMs }) }));
  const buckets: { requests: TokenBucket | undefined; tokens: TokenBucket | undefined } = { requests: bucket(options.requestsPerMinute), tokens: bucket(options.tokensPerMinute) };
  const stats: LlmLimiterStats = { requests: 0, tokens: 0, peakConcurrency: 0, concurrency: options.concurrency, rateLimited: 0, waitedMs: 0 };
  const queue: Waiter[] = [];
  let active = 0;
  let successes = 0;
  // A 429 halves the concurrency once per generation: answers to requests sent before the halving say nothing new.
  let generation = 0;
  let pausedUntil = Number.NEGATIVE_INFINITY;
  let wakeAt = Number.POSITIVE_INFINITY;
  let stopped: Error | undefined;

  function pump(): void {
    while (queue.length > 0 && !stopped) {
      const head = queue[0]!;
      if (active >= stats.concurrency) return;
      const waitMs = Math.max(pausedUntil - now(), buckets.requests?.waitMs(1) ?? 0, buckets.tokens?.waitMs(head.tokens) ?? 0, 0);
      if (waitMs > 0) return wakeIn(waitMs);
      queue.shift();
      head.grant(grant(head));
    }
  }

  // One timer at a time, for the earliest moment the head may go; a stale timer only calls pump again.
  function wakeIn(milliseconds: number): void {
    const at = now() + milliseconds;
    if (at >= wakeAt) return;
    wakeAt = at;
    void sleep(milliseconds).then(() => {
      if (wakeAt === at) wakeAt = Number.POSITIVE_INFINITY;
      pump();
    });
  }

  function grant(waiter: Waiter): LlmPermit {
    buckets.requests?.take(1);
    buckets.tokens?.take(waiter.tokens);
    active += 1;
    stats.requests += 1;
    stats.tokens += waiter.tokens;
    stats.peakConcurrency = Math.max(stats.peakConcurrency, active);
    stats.waitedMs += now() - waiter.since;
    const sentIn = generation;
    let settled = false;
    return {
      settle(report) {
        if (settled) return;
        settled = true;
        active -= 1;
        if (report.usedTokens !== undefined) {
          buckets.tokens?.adjust(waiter.tokens - report.usedTokens);
          stats.tokens += report.usedTokens - waiter.tokens;
        }
        learn(report, sentIn);
        pump();
      },
    };
  }

  function learn(report: LlmResponseReport, sentIn: number): void {
    const headers = readRateLimitHeaders(report.headers);
    correct("requests", headers.requests);
    correct("tokens", headers.tokens);
    if (report.status === 429) {
      stats.rateLimited += 1;
      successes = 0;
      if (sentIn === generation) {
        generation += 1;
        stats.concurrency = Math.max(1, Math.floor(stats.concurrency / 2));
      }
      if (report.retryAfterMs !== undefined) pausedUntil = Math.max(pausedUntil, now() + report.retryAfterMs);
    } else if (report.status !== undefined && report.status < 300 && sentIn === generation) {
      // Only answers to requests sent since the last back-off show the lower concurrency works.
      successes += 1;
      // Additive increase: one more after as many successes in a row as the current concurrency.
      if (successes >= stats.concurrency && stats.concurrency < options.concurrency) {
        stats.concurrency += 1;
        successes = 0;
      }
    }
  }

  function correct(kind: "requests" | "tokens", state: RateLimitState): void {
    if (!buckets[kind] && state.limit !== undefined && state.limit > 0) buckets[kind] = bucket(state.limit);
    buckets[kind]?.correct(state);
  }

  return {
    acquire(estimate) {
      if (stopped) return Promise.reject(stopped);
      return new Promise<LlmPermit>((grantPermit, refuse) => {
        queue.push({ tokens: Math.max(0, estimate.tokens), since: now(), grant: grantPermit, refuse });
        pump();
      });
    },
    stop(error) {
      stopped ??= error;
      for (const waiter of queue.splice(0)) waiter.refuse(stopped);
    },
    get stopped() {
      return stopped;
    },
    stats: () => ({ ...stats }),
  };
}
