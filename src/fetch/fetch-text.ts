import { createFetcher } from "./fetcher.ts";
import type { FetchFunction, FetchedResource } from "./types.ts";

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

/**
 * Reads one http(s) or file: URL that the user named, e.g. the llms.txt `document-it parse` checks. Its own host is
 * trusted (it may be private) and robots.txt is not consulted: one fetch a person asked for is not crawling.
 */
export async function fetchText(options: FetchTextOptions): Promise<FetchedResource> {
  let trustedHosts: string[] = [];
  try {
    trustedHosts = [new URL(options.url).hostname];
  } catch {
    // The fetcher reports the bad URL.
  }
  const { url, accept, attempts, ...rest } = options;
  const fetcher = createFetcher({ ...rest, trustedHosts, ignoreRobots: true, allowFiles: true });
  return fetcher.get({ url, ...(accept ? { accept } : {}), ...(attempts ? { attempts } : {}) });
}
