import { globPathOf, globToRegExp } from "./glob.ts";
import type { IndexEntry } from "./types.ts";

/** What happens to the documents of an index's `## Optional` section. */
export type OptionalPolicy = "include" | "last" | "skip";

/** Options of applyScope. */
export interface ScopeOptions {
  /** Globs on URL paths; when any are given, only matching documents are kept. */
  include?: readonly string[];
  /** Globs on URL paths; matching documents are left out. */
  exclude?: readonly string[];
  /** `include`: in index order; `last`: after the rest; `skip`: listed as skipped, not analysed. */
  optional?: OptionalPolicy;
  /** Keep at most this many documents to analyse. */
  maxDocs?: number;
}

/** The documents of a run: those to analyse, in order, and those listed but skipped. */
export interface Scoped<Entry extends IndexEntry> {
  selected: Entry[];
  skipped: Entry[];
}

/** Narrows an index to the run's scope: include/exclude globs, then the optional policy, then the cap on documents. */
export function applyScope<Entry extends IndexEntry>(entries: readonly Entry[], options: ScopeOptions): Scoped<Entry> {
  const include = (options.include ?? []).map(globToRegExp);
  const exclude = (options.exclude ?? []).map(globToRegExp);
  const inScope = entries.filter((entry) => {
    const path = globPathOf(entry.url);
    return (include.length === 0 || include.some((glob) => glob.test(path))) && !exclude.some((glob) => glob.test(path));
  });
  const required = inScope.filter((entry) => !entry.optional);
  const optional = inScope.filter((entry) => entry.optional);
  const policy = options.optional ?? "last";
  const ordered = policy === "include" ? inScope : policy === "last" ? [...required, ...optional] : required;
  return {
    selected: options.maxDocs === undefined ? ordered : ordered.slice(0, options.maxDocs),
    // Documents past --max-docs are listed as skipped, so coverage says what the cap left out.
    skipped: [...(options.maxDocs === undefined ? [] : ordered.slice(options.maxDocs)), ...(policy === "skip" ? optional : [])],
  };
}
