/** Milliseconds a `Retry-After` header asks to wait (delta-seconds or HTTP-date against `now`), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Date.parse reads bare numbers like "1.5" as dates; an HTTP-date always names its day or month.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Options of backoffDelay. */
export interface BackoffOptions {
  /** The attempt that just failed, from 1. */
  attempt: number;
  /** A number in [0, 1); injectable so tests know the wait. */
  random: () => number;
  baseMs?: number;
  maxMs?: number;
}

/** Exponential backoff with jitter: base·2^(attempt−1), capped, times a random factor in [0.5, 1.5) so clients spread out. */
export function backoffDelay(options: BackoffOptions): number {
  const exponential = Math.min(options.maxMs ?? 8000, (options.baseMs ?? 500) * 2 ** (options.attempt - 1));
  return Math.round(exponential * (0.5 + options.random()));
}
