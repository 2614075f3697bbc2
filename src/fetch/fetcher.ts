import { FetchError } from "../errors.ts";
import type { HttpCache, HttpCacheEntry } from "../http-cache.ts";
import type { Limiter } from "../limiter.ts";
import { VERSION } from "../version.ts";
import { assertAddressAllowed, resolveWithDns } from "./address-guard.ts";
import { decodeBody } from "./charset.ts";
import { type FetchHosts, createFetchHosts } from "./fetch-hosts.ts";
import { type RequestOutcome, requestOnce } from "./http-request.ts";
import { readLocalFile } from "./local-file.ts";
import { backoffDelay, parseRetryAfter } from "./retry-timing.ts";
import { ROBOTS_MAX_BYTES, ROBOTS_PRODUCT_TOKEN, loadRobotsVerdict } from "./robots.ts";
import { robotsAllow } from "./robots-rules.ts";
import type { FetchFunction, FetchRequest, FetchedResource, Fetcher, ResolveHost } from "./types.ts";

/** The User-Agent header of every request: document-it, its version, and where to read about it. */
export const USER_AGENT = `${ROBOTS_PRODUCT_TOKEN}/${VERSION} (+https://www.npmjs.com/package/document-it)`;

/** What document-it accepts for a document: markdown first, then text, then HTML. */
export const DOCUMENT_ACCEPT = "text/markdown, text/plain;q=0.9, text/html;q=0.8, */*;q=0.5";

/** Options of createFetcher. Everything has a default; tests inject `fetch`, `resolveHost`, `sleep`, `random` and `now`. */
export interface FetcherOptions {
  /** What requests are sent with; by default node:http(s) (src/fetch/node-http-get.ts). */
  fetch?: FetchFunction;
  /** Per-host limiters and robots.txt answers, shared by every fetcher of a run. */
  hosts?: FetchHosts;
  /** Most requests to one host at once, when `hosts` is not given (default 4). */
  hostConcurrency?: number;
  /** The global fetch limit, taken after the host's. */
  limiter?: Limiter;
  /** ETag / Last-Modified store; without it no request is conditional. */
  cache?: HttpCache;
  /** False: send no validators (the answer is still stored), e.g. for a document forced with --force. Default true. */
  conditional?: boolean;
  resolveHost?: ResolveHost;
  sleep?: (milliseconds: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  timeoutMs?: number;
  maxBytes?: number;
  /** Attempts for network errors, timeouts, 5xx and 429 (default 3). */
  attempts?: number;
  maxRedirects?: number;
  /** Longest `Retry-After` wait accepted; a longer one fails the request (default 120 s). */
  maxRetryAfterMs?: number;
  /** Private and loopback addresses are allowed for every host (`--allow-private`). */
  allowPrivate?: boolean;
  /** Hostnames that may resolve to private addresses: the source's own host. */
  trustedHosts?: readonly string[];
  ignoreRobots?: boolean;
  /** file: URLs may be read (only for a local source). */
  allowFiles?: boolean;
  signal?: AbortSignal;
}

const defaultSleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/** Creates a fetcher: per-host then global limits, address checks and robots.txt on every hop, retries, conditional requests. */
export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const hosts = options.hosts ?? createFetchHosts({ concurrency: options.hostConcurrency ?? 4 });
  const { sleep = defaultSleep, random = Math.random, now = Date.now, limiter, cache } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBytes = options.maxBytes ?? 10_000_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const guard = { allowPrivate: options.allowPrivate ?? false, trustedHosts: options.trustedHosts ?? [], resolveHost: options.resolveHost ?? resolveWithDns };

  async function send(url: URL, accept: string, attempts: number, byteCap: number): Promise<{ outcome: Exclude<RequestOutcome, { kind: "transient" }>; cached?: HttpCacheEntry }> {
    const cached = options.conditional === false ? undefined : cache?.get(url.href, accept);
    const headers: Record<string, string> = { "user-agent": USER_AGENT, accept };
    if (cached?.etag) headers["if-none-match"] = cached.etag;
    if (cached?.lastModified) headers["if-modified-since"] = cached.lastModified;
    const attempt = () => requestOnce({ url, headers, ...(options.fetch ? { fetch: options.fetch } : {}), timeoutMs, maxBytes: byteCap, ...(options.signal ? { signal: options.signal } : {}) });
    for (let number = 1; ; number += 1) {
      // The host's slot first: a request waiting for its host holds no global slot that another host could use.
      const outcome = await hosts.limiterFor(url.host).run(() => (limiter ? limiter.run(attempt) : attempt()));
      if (outcome.kind !== "transient") return { outcome, ...(cached ? { cached } : {}) };
      const failure = { status: outcome.status, cause: outcome.cause, isRetryable: true };
      if (number >= attempts) throw new FetchError(outcome.reason, failure);
      const asked = parseRetryAfter(outcome.retryAfter, now());
      if (asked !== undefined && asked > maxRetryAfterMs) {
        throw new FetchError(`${outcome.reason}: it asks to retry after ${Math.ceil(asked / 1000)} s, over the ${Math.round(maxRetryAfterMs / 1000)} s limit`, failure);
      }
      await sleep(asked ?? backoffDelay({ attempt: number, random }));
    }
  }

  async function follow(start: URL, request: FetchRequest, checkRobots: boolean, byteCap = maxBytes): Promise<FetchedResource> {
    const accept = request.accept ?? DOCUMENT_ACCEPT;
    let url = start;
    for (let redirects = 0; ; redirects += 1) {
      await assertAddressAllowed({ url, ...guard });
      if (checkRobots) await assertRobotsAllow(url);
      const { outcome, cached } = await send(url, accept, request.attempts ?? options.attempts ?? 3, byteCap);
      if (outcome.kind === "redirect") {
        if (redirects >= maxRedirects) throw new FetchError(`too many redirects (more than ${maxRedirects}) starting at ${start.href}`);
        url = nextHop(url, outcome.status, outcome.location);
        continue;
      }
      if (outcome.kind === "not-modified") {
        if (!cached) throw new FetchError(`HTTP 304 Not Modified for ${url.href}, which was not asked conditionally`);
        return { url: url.href, contentType: cached.contentType, text: cached.text, ...(cached.linkHeader ? { linkHeader: cached.linkHeader } : {}), fromCache: true };
      }
      const contentType = outcome.headers.get("content-type") ?? "";
      const text = decodeBody({ bytes: outcome.bytes, contentType });
      const linkHeader = outcome.headers.get("link") ?? undefined;
      const etag = outcome.headers.get("etag") ?? undefined;
      const lastModified = outcome.headers.get("last-modified") ?? undefined;
      cache?.put({ url: url.href, accept, contentType, text, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}), ...(linkHeader ? { linkHeader } : {}) });
      return { url: url.href, contentType, text, ...(linkHeader ? { linkHeader } : {}), fromCache: false };
    }
  }

  async function assertRobotsAllow(url: URL): Promise<void> {
    if (options.ignoreRobots || url.pathname === "/robots.txt") return;
    const verdict = await hosts.robots(url.origin, () =>
      loadRobotsVerdict({ origin: url.origin, get: (robotsUrl) => follow(robotsUrl, { url: robotsUrl.href, accept: "text/plain", attempts: 2 }, false, ROBOTS_MAX_BYTES) }),
    );
    if (robotsAllow(verdict, url.pathname + url.search)) return;
    const why = verdict.kind === "disallow-all" ? ` (${verdict.reason})` : "";
    throw new FetchError(`${url.href} is disallowed by ${url.origin}/robots.txt for ${ROBOTS_PRODUCT_TOKEN}${why}; pass --ignore-robots to fetch it anyway`);
  }

  return {
    async get(request) {
      const url = parseUrl(request.url);
      if (url.protocol === "file:") {
        if (!options.allowFiles) throw new FetchError(`refusing ${url.href}: file: URLs are read only for a local source`);
        // Bounded like requests, so a folder of thousands of files is not read into memory at once.
        return limiter ? limiter.run(() => readLocalFile(url, maxBytes)) : readLocalFile(url, maxBytes);
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new FetchError(`refusing ${request.url}: only http and https URLs are fetched`);
      return follow(url, request, true);
    },
  };
}

function parseUrl(text: string): URL {
  try {
    return new URL(text);
  } catch (error) {
    throw new FetchError(`"${text}" is not a URL`, { cause: error });
  }
}

function nextHop(from: URL, status: number, location: string | null): URL {
  if (!location) throw new FetchError(`HTTP ${status} without a Location header for ${from.href}`);
  let next: URL;
  try {
    next = new URL(location, from);
  } catch (error) {
    throw new FetchError(`HTTP ${status} for ${from.href} redirects to "${location}", which is not a URL`, { cause: error });
  }
  if (next.protocol !== "http:" && next.protocol !== "https:") throw new FetchError(`refusing the redirect from ${from.href} to ${next.href}: only http and https are fetched`);
  return next;
}
