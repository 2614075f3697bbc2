/**
 * The reduce step of a split document: its parts' answers become one DocumentSummary and one DocumentTopics.
 * Deterministic on purpose: no LLM call, every item keeps the heading its part's answer gave it, and the same
 * part answers always merge to the same result.
 */
import { topicKey } from "./topic-names.ts";
import type { DocumentSummary, DocumentTopics, TopicMention } from "./types.ts";

/** Options of mergeSummaries. */
export interface MergeSummariesOptions {
  documentId: string;
  /** The parts' summaries, in part order. */
  parts: readonly DocumentSummary[];
}

/**
 * One summary from the parts': the part summaries in order; concepts deduplicated by name (case and plurals
 * ignored) keeping the most important mention; implementation notes deduplicated by title and code patterns
 * by code, the first kept. Items stay in the order they first appear.
 */
export function mergeSummaries(options: MergeSummariesOptions): DocumentSummary {
  const { parts } = options;
  return {
    documentId: options.documentId,
    summary: parts.map((part) => part.summary.trim()).filter((summary) => summary !== "").join(" "),
    concepts: keepBest(parts.flatMap((part) => part.concepts), (concept) => nameKey(concept.name), (concept) => concept.importance),
    implementationNotes: keepBest(parts.flatMap((part) => part.implementationNotes), (note) => nameKey(note.title), () => 0),
    codePatterns: keepBest(parts.flatMap((part) => part.codePatterns), (pattern) => pattern.code.trim(), () => 0),
  };
}

/** Options of mergeTopics. */
export interface MergeTopicsOptions {
  documentId: string;
  /** The parts' topics with the tokens of each part, in part order. */
  parts: ReadonlyArray<{ topics: DocumentTopics; tokens: number }>;
}

/**
 * One topic list from the parts': topics deduplicated by name (case and plurals ignored). A topic's relevance
 * is "how much of the document is about it", so it is each part's relevance weighted by the part's share of
 * the tokens (a part that does not name it counts 0); its heading is the one of its most relevant mention.
 * Most relevant first.
 */
export function mergeTopics(options: MergeTopicsOptions): DocumentTopics {
  const total = options.parts.reduce((sum, part) => sum + Math.max(0, part.tokens), 0);
  const merged = new Map<string, { best: TopicMention; relevance: number; order: number }>();
  for (const part of options.parts) {
    const share = total > 0 ? Math.max(0, part.tokens) / total : 1 / options.parts.length;
    const seen = new Set<string>();
    for (const mention of part.topics.topics) {
      const key = nameKey(mention.name);
      if (key === "" || seen.has(key)) continue;
      seen.add(key);
      const known = merged.get(key);
      if (!known) merged.set(key, { best: mention, relevance: mention.relevance * share, order: merged.size });
      else {
        known.relevance += mention.relevance * share;
        if (mention.relevance > known.best.relevance) known.best = mention;
      }
    }
  }
  const topics = [...merged.values()]
    .sort((a, b) => b.relevance - a.relevance || a.order - b.order)
    .map(({ best, relevance }) => ({ ...best, relevance: Math.round(relevance * 1000) / 1000 }));
  return { documentId: options.documentId, topics };
}

function nameKey(name: string): string {
  return topicKey(name) || name.trim().toLowerCase();
}

// The first item per key, replaced in place by a later one that scores higher.
function keepBest<T>(items: readonly T[], keyOf: (item: T) => string, score: (item: T) => number): T[] {
  const kept = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    const known = kept.get(key);
    if (known === undefined || score(item) > score(known)) kept.set(key, item);
  }
  return [...kept.values()];
}
