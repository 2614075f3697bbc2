/** A limit per window as a token bucket: take before a request, adjust once its real cost is known. */
export interface TokenBucket {
  /** The limit per window. */
  readonly limit: number;
  /** Milliseconds until `amount` may be taken; 0 when it may be taken now. */
  waitMs(amount: number): number;
  /** Takes `amount` (call when waitMs says 0). */
  take(amount: number): void;
  /** Gives back (positive) or charges more (negative) once the real cost is known; the level may go below zero. */
  adjust(amount: number): void;
  /** The server's word: at most `remaining` left, and none before `resetMs` when nothing is. */
  correct(state: { remaining?: number; resetMs?: number }): void;
  /** What the bucket holds now (may be negative after an adjustment). */
  level(): number;
}

/** Options of createTokenBucket. */
export interface TokenBucketOptions {
  /** Units per window, e.g. requests per minute. */
  limit: number;
  /** The window the limit counts over; 60,000 ms (a minute) by default. */
  windowMs?: number;
  now: () => number;
}

/**
 * A bucket that keeps any window of `windowMs` within `limit`, as a server counting over a sliding minute
 * sees it, not only on average. It holds a small burst (two seconds' worth, 1/30 of the limit, or the largest
 * single charge seen, whichever is more) and refills the rest of the limit over the window plus 1/60 of slack
 * for the clocks and the network; so a full bucket plus one window of refill never exceeds the limit, and
 * about 95% of the limit is used when work is waiting. The burst absorbs timers that fire late on a busy event
 * loop. A server that refills continuously (OpenAI) accepts this too, since it is stricter.
 */
export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const { limit, now } = options;
  if (!(limit > 0)) throw new RangeError(`a rate limit must be positive, got ${limit}`);
  const windowMs = options.windowMs ?? 60_000;
  let burst = Math.min(limit, Math.max(1, limit / 30));
  let level = burst;
  let updatedAt = now();
  let holdUntil = Number.NEGATIVE_INFINITY;
  // Refill per millisecond; never below half the limit per window, or a burst as large as the limit would stop it.
  const rate = () => Math.max(limit - burst, limit / 2) / (windowMs + windowMs / 60);
  const refill = () => {
    const time = now();
    level = Math.min(burst, level + (time - updatedAt) * rate());
    updatedAt = time;
  };
  return {
    limit,
    waitMs(amount) {
      // A charge above the burst raises it (up to the limit), so a large request can ever be served.
      if (amount > burst) burst = Math.min(limit, amount);
      refill();
      const needed = Math.min(amount, burst);
      const untilRefilled = level >= needed ? 0 : Math.ceil((needed - level) / rate());
      return Math.max(untilRefilled, holdUntil - now(), 0);
    },
    take(amount) {
      refill();
      level -= amount;
    },
    adjust(amount) {
      refill();
      level = Math.min(burst, level + amount);
    },
    correct(state) {
      refill();
      if (state.remaining !== undefined) level = Math.min(level, state.remaining);
      if (state.remaining !== undefined && state.remaining <= 0 && state.resetMs !== undefined) holdUntil = Math.max(holdUntil, now() + state.resetMs);
    },
    level() {
      refill();
      return level;
    },
  };
}
