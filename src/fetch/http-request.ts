import { FetchError, describeError } from "../errors.ts";
import type { FetchFunction } from "./types.ts";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

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
  fetch: FetchFunction;
  timeoutMs: number;
  maxBytes: number;
  /** Aborts the request when the run is cancelled. */
  signal?: AbortSignal;
}

/** Sends one GET without following redirects and reads the body within the size cap; throws a FetchError for a final failure. */
export async function requestOnce(options: RequestOnceOptions): Promise<RequestOutcome> {
  const { url } = options;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await options.fetch(url.href, { headers: options.headers, redirect: "manual", signal });
  } catch (error) {
    return networkFailure(error, options, timeout);
  }
  if (REDIRECT_STATUSES.has(response.status)) {
    await discard(response);
    return { kind: "redirect", status: response.status, location: response.headers.get("location") };
  }
  if (response.status === 304) {
    await discard(response);
    return { kind: "not-modified" };
  }
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""} for ${url.href}`;
  if (response.status === 429 || response.status >= 500) {
    await discard(response);
    return { kind: "transient", reason: status, status: response.status, retryAfter: response.headers.get("retry-after") };
  }
  if (!response.ok) {
    await discard(response);
    throw new FetchError(status, { status: response.status });
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > options.maxBytes) {
    await discard(response);
    throw new FetchError(`${url.href} is ${declared} bytes, over the ${options.maxBytes}-byte limit`);
  }
  try {
    return { kind: "ok", status: response.status, headers: response.headers, bytes: await readCapped(response, options.maxBytes, url.href) };
  } catch (error) {
    if (error instanceof FetchError) throw error;
    return networkFailure(error, options, timeout);
  }
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

function networkFailure(error: unknown, options: RequestOnceOptions, timeout: AbortSignal): RequestOutcome {
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
