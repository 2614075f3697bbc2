import { globPathOf, globToRegExp } from "../src/glob.ts";
import type { Configuration } from "./configuration.ts";

/** Which documents skip which cache this run. */
export interface CachePolicy {
  /** Matches a --force glob: fetched without validators, and refreshed. */
  isForced(url: string): boolean;
  /** Its analysis and the topics it feeds are answered again instead of read from the LLM result cache (--force, --no-cache). */
  refreshes(url: string): boolean;
}

/** The run's cache policy from --force (same glob syntax as --include) and --no-cache. */
export function cachePolicy(configuration: Pick<Configuration, "force" | "noCache">): CachePolicy {
  const globs = configuration.force.map(globToRegExp);
  const isForced = (url: string) => globs.length > 0 && globs.some((glob) => glob.test(globPathOf(url)));
  return { isForced, refreshes: (url) => configuration.noCache || isForced(url) };
}
