import { type Limiter, createLimiter } from "../limiter.ts";
import type { RobotsVerdict } from "./robots-rules.ts";

// RFC 9309: a crawler should not use a cached robots.txt for more than 24 hours.
const ROBOTS_LIFETIME_MS = 24 * 60 * 60 * 1000;
// After this many documents of a host without a markdown variant, stop asking it for one.
const VARIANT_MISSES_BEFORE_GIVING_UP = 3;

/** Per-host state shared by every fetch of a run: a concurrency limit, robots.txt answers, which markdown variants exist. */
export interface FetchHosts {
  /** The limiter of one host (`host:port`). */
  limiterFor(host: string): Limiter;
  /** The robots.txt verdict of an origin, loaded once; concurrent callers share one load. */
  robots(origin: string, load: () => Promise<RobotsVerdict>): Promise<RobotsVerdict>;
  /** Markdown variant styles worth trying on a host, most successful first; none once the host has shown it has none. */
  variantStyles<Style extends string>(host: string, styles: readonly Style[]): Style[];
  /** Records whether a document of the host had a markdown variant, and in which style. */
  recordVariant(host: string, style: string | undefined): void;
}

/** Options of createFetchHosts. */
export interface CreateFetchHostsOptions {
  /** Most requests to one host at once. */
  concurrency: number;
  /** Epoch milliseconds; injectable so tests can age the robots.txt cache. */
  now?: () => number;
}

/** Creates the per-host state of a run (or of a process: it holds no run data). */
export function createFetchHosts(options: CreateFetchHostsOptions): FetchHosts {
  const now = options.now ?? Date.now;
  const limiters = new Map<string, Limiter>();
  const robots = new Map<string, { verdict: Promise<RobotsVerdict>; loadedAt: number }>();
  const variants = new Map<string, { hits: Map<string, number>; misses: number }>();
  return {
    limiterFor(host) {
      let limiter = limiters.get(host);
      if (!limiter) limiters.set(host, (limiter = createLimiter({ concurrency: options.concurrency })));
      return limiter;
    },
    robots(origin, load) {
      const cached = robots.get(origin);
      if (cached && now() - cached.loadedAt < ROBOTS_LIFETIME_MS) return cached.verdict;
      const verdict = load();
      robots.set(origin, { verdict, loadedAt: now() });
      return verdict;
    },
    variantStyles(host, styles) {
      const memory = variants.get(host);
      if (!memory) return [...styles];
      if (memory.hits.size === 0 && memory.misses >= VARIANT_MISSES_BEFORE_GIVING_UP) return [];
      return [...styles].sort((first, second) => (memory.hits.get(second) ?? 0) - (memory.hits.get(first) ?? 0));
    },
    recordVariant(host, style) {
      let memory = variants.get(host);
      if (!memory) variants.set(host, (memory = { hits: new Map(), misses: 0 }));
      if (style === undefined) memory.misses += 1;
      else memory.hits.set(style, (memory.hits.get(style) ?? 0) + 1);
    },
  };
}
