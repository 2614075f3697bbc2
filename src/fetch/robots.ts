import { FetchError } from "../errors.ts";
import { type RobotsVerdict, parseRobotsTxt } from "./robots-rules.ts";
import type { FetchedResource } from "./types.ts";

/** The product token document-it answers to in robots.txt `User-agent` lines. */
export const ROBOTS_PRODUCT_TOKEN = "document-it";

/** Largest robots.txt read: RFC 9309 asks crawlers to read at least 500 KiB, and more than that is not a robots.txt. */
export const ROBOTS_MAX_BYTES = 512 * 1024;

/**
 * Loads an origin's robots.txt and reads what it says to document-it (RFC 9309): a 4xx means no rules; a 5xx or 429
 * that persists means "disallow everything"; an unreachable host means no rules, so the document's own fetch reports why.
 */
export async function loadRobotsVerdict(options: { origin: string; get: (url: URL) => Promise<FetchedResource> }): Promise<RobotsVerdict> {
  const url = new URL("/robots.txt", options.origin);
  try {
    const resource = await options.get(url);
    return { kind: "rules", rules: parseRobotsTxt(resource.text, ROBOTS_PRODUCT_TOKEN) };
  } catch (error) {
    const status = error instanceof FetchError ? error.status : undefined;
    if (status !== undefined && (status >= 500 || status === 429)) return { kind: "disallow-all", reason: `it answered HTTP ${status}, which RFC 9309 reads as "disallow everything"` };
    return { kind: "allow-all" };
  }
}
