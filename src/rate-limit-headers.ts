/** What an endpoint's `x-ratelimit-*` headers say about one limit (requests or tokens). */
export interface RateLimitState {
  /** `x-ratelimit-limit-*`: the limit per minute. */
  limit?: number;
  /** `x-ratelimit-remaining-*`: what is left now. */
  remaining?: number;
  /** `x-ratelimit-reset-*`, in milliseconds: when the limit has room again. */
  resetMs?: number;
}

/** Headers as fetch gives them, or as a plain record (lower-case names). */
export type HeaderSource = Headers | Record<string, string | undefined>;

/** The `x-ratelimit-*` headers of a response (OpenAI's names), per limit; fields the response lacks stay unset. */
export function readRateLimitHeaders(headers: HeaderSource | undefined): { requests: RateLimitState; tokens: RateLimitState } {
  const get = (name: string): string | undefined => (headers === undefined ? undefined : headers instanceof Headers ? (headers.get(name) ?? undefined) : headers[name]);
  const read = (kind: "requests" | "tokens"): RateLimitState => {
    const limit = count(get(`x-ratelimit-limit-${kind}`));
    const remaining = count(get(`x-ratelimit-remaining-${kind}`));
    const resetMs = parseRateLimitDuration(get(`x-ratelimit-reset-${kind}`));
    return { ...(limit === undefined ? {} : { limit }), ...(remaining === undefined ? {} : { remaining }), ...(resetMs === undefined ? {} : { resetMs }) };
  };
  return { requests: read("requests"), tokens: read("tokens") };
}

const UNITS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, "µs": 0.001, ns: 0.000001 };

/**
 * Milliseconds of a duration as OpenAI writes them ("1s", "6m0s", "20ms", "1m30.5s"); a bare number counts as
 * seconds. Undefined for anything else.
 */
export function parseRateLimitDuration(text: string | undefined): number | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  if (!/^(\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$/.test(value)) return undefined;
  let total = 0;
  for (const match of value.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) total += Number(match[1]) * UNITS[match[2]!]!;
  return total;
}

function count(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}
