import { FetchError, describeError } from "../errors.ts";
import { REDIRECT_STATUSES } from "../node-http.ts";
import { requestWithNodeHttp } from "./node-http-get.ts";
import type { FetchFunction } from "./types.ts";

/** What one HTTP request came to. */
export type RequestOutcome =
  | { kind: "ok"; status: number; headers: Headers; bytes: Uint8Array }
  | { kind: "redirect"; status: number; location: string | null }
  | { kind: "not-modified" }
  /** A failure worth another attempt: network error, timeout, 5xx or 429. */
  | { kind: "transient"; reason: string; status?: number; retryAfter?: string | null; cause?: unknown };

/** Options of requestOnce. */
export interface RequestOnceOptions {
  url: URL;
  headers: Record<string, string>;
  /** The fetch to send with (tests inject one); without it, node:http(s) (see node-http-get.ts). */
  fetch?: FetchFunction;
  timeoutMs: number;
  maxBytes: number;
  /** Aborts the request when the run is cancelled. */
  signal?: AbortSignal;
}

/** What the status line and headers of an answer decide, before its body is read. */
export type AnswerHead = { kind: "read-body" } | Exclude<RequestOutcome, { kind: "ok" }>;

/** Sends one GET without following redirects and reads the body within the size cap; throws a FetchError for a final failure. */
export async function requestOnce(options: RequestOnceOptions): Promise<RequestOutcome> {
  if (!options.fetch) return requestWithNodeHttp(options);
  const { url } = options;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await options.fetch(url.href, { headers: options.headers, redirect: "manual", signal });
  } catch (error) {
    return networkFailure(error, options, timeout);
  }
  let head: AnswerHead;
  try {
    head = judgeAnswer({ url, status: response.status, statusText: response.statusText, headers: response.headers, maxBytes: options.maxBytes });
  } catch (error) {
    await discard(response);
    throw error;
  }
  if (head.kind !== "read-body") {
    await discard(response);
    return head;
  }
  try {
    return { kind: "ok", status: response.status, headers: response.headers, bytes: await readCapped(response, options.maxBytes, url.href) };
  } catch (error) {
    if (error instanceof FetchError) throw error;
    return networkFailure(error, options, timeout);
  }
}

/**
 * What an answer's status and headers make of it: a redirect, not modified, worth another attempt (429, 5xx), a
 * final failure (thrown: another 4xx, or a declared length over `maxBytes`), or a body to read.
 */
export function judgeAnswer(options: { url: URL; status: number; statusText: string; headers: Headers; maxBytes: number }): AnswerHead {
  const { url, headers } = options;
  if (REDIRECT_STATUSES.has(options.status)) return { kind: "redirect", status: options.status, location: headers.get("location") };
  if (options.status === 304) return { kind: "not-modified" };
  const status = `HTTP ${options.status}${options.statusText ? ` ${options.statusText}` : ""} for ${url.href}`;
  if (options.status === 429 || options.status >= 500) return { kind: "transient", reason: status, status: options.status, retryAfter: headers.get("retry-after") };
  if (options.status < 200 || options.status > 299) throw new FetchError(status, { status: options.status });
  const declared = Number(headers.get("content-length") ?? "0");
  if (declared > options.maxBytes) throw new FetchError(`${url.href} is ${declared} bytes, over the ${options.maxBytes}-byte limit`);
  return { kind: "read-body" };
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw new FetchError(`${url} is over the ${maxBytes}-byte limit`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A request that got no whole answer: cancelled (thrown), or worth another attempt (timeout, network error). */
export function networkFailure(error: unknown, options: RequestOnceOptions, timeout: AbortSignal): RequestOutcome {
  // The run was cancelled: no point in trying again.
  if (options.signal?.aborted) throw new FetchError(`${options.url.href}: cancelled`, { cause: error });
  const reason = timeout.aborted ? `${options.url.href}: no answer within ${options.timeoutMs} ms` : `${options.url.href}: ${describeError(error)}${causeDetail(error)}`;
  return { kind: "transient", reason, cause: error };
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

// Node's fetch reports "fetch failed" and hides the reason (ECONNREFUSED, ENOTFOUND…) in `cause`.
function causeDetail(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (!cause) return "";
  return ` (${cause.code ?? cause.message ?? "unknown cause"})`;
}
