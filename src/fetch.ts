import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { FetchError, describeError } from "./errors.ts";
import { VERSION } from "./version.ts";

/** The fetch function document-it uses; injectable so tests can count or fake requests. */
export type FetchFunction = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** A fetched resource. */
export interface FetchedResource {
  /** URL after redirects. */
  url: string;
  contentType: string;
  text: string;
}

/** Options of fetchText. */
export interface FetchTextOptions {
  url: string;
  fetch?: FetchFunction;
  timeoutMs?: number;
  maxBytes?: number;
  /** Attempts for transient failures (network errors, 5xx, 429). */
  attempts?: number;
  accept?: string;
  /** Waits between attempts; injectable so tests need not sleep. */
  sleep?: (milliseconds: number) => Promise<void>;
}

const USER_AGENT = `document-it/${VERSION} (+https://www.npmjs.com/package/document-it)`;
const defaultSleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/** Reads an http(s) or file: URL as text, with a timeout, a size cap and retries on transient failures. */
export async function fetchText(options: FetchTextOptions): Promise<FetchedResource> {
  const url = new URL(options.url);
  if (url.protocol === "file:") return readLocal(url, options.maxBytes ?? 10_000_000);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new FetchError(`unsupported URL scheme "${url.protocol}" in ${options.url}`);
  const attempts = options.attempts ?? 3;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetchOnce(options);
    } catch (error) {
      const retryable = error instanceof FetchError ? error.isRetryable : true;
      if (!retryable || attempt >= attempts) throw error instanceof FetchError ? error : new FetchError(`${options.url}: ${describeError(error)}`, { cause: error });
      await sleep(Math.min(4000, 250 * 2 ** (attempt - 1)) * (0.5 + Math.random()));
    }
  }
}

async function fetchOnce(options: FetchTextOptions): Promise<FetchedResource> {
  const fetchFunction = options.fetch ?? globalThis.fetch;
  const maxBytes = options.maxBytes ?? 10_000_000;
  let response: Response;
  try {
    response = await fetchFunction(options.url, {
      headers: { "user-agent": USER_AGENT, accept: options.accept ?? "text/markdown, text/plain;q=0.9, text/html;q=0.8, */*;q=0.5" },
      redirect: "follow",
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    throw new FetchError(`${options.url}: ${describeError(error)}${causeDetail(error)}`, { cause: error, isRetryable: true });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const transient = response.status === 429 || response.status >= 500;
    throw new FetchError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""} for ${options.url}`, { status: response.status, isRetryable: transient });
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new FetchError(`${options.url} is ${declared} bytes, over the ${maxBytes}-byte limit`);
  const bytes = await readCapped(response, maxBytes, options.url);
  const contentType = response.headers.get("content-type") ?? "";
  const charset = /charset=([\w-]+)/i.exec(contentType)?.[1] ?? "utf-8";
  let text: string;
  try {
    text = new TextDecoder(charset).decode(bytes);
  } catch {
    text = new TextDecoder("utf-8").decode(bytes);
  }
  return { url: response.url || options.url, contentType, text };
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > maxBytes) throw new FetchError(`${url} is over the ${maxBytes}-byte limit`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function readLocal(url: URL, maxBytes: number): Promise<FetchedResource> {
  const path = fileURLToPath(url);
  try {
    const bytes = await readFile(path);
    if (bytes.length > maxBytes) throw new FetchError(`${path} is ${bytes.length} bytes, over the ${maxBytes}-byte limit`);
    const contentType = /\.html?$/i.test(path) ? "text/html" : "text/markdown";
    return { url: url.href, contentType, text: bytes.toString("utf8") };
  } catch (error) {
    if (error instanceof FetchError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new FetchError(code === "ENOENT" ? `file not found: ${path}` : `cannot read ${path}: ${describeError(error)}`, { cause: error });
  }
}

// Node's fetch reports "fetch failed" and hides the reason (ECONNREFUSED, ENOTFOUND…) in `cause`.
function causeDetail(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (!cause) return "";
  return ` (${cause.code ?? cause.message ?? "unknown cause"})`;
}
