import { NearDuplicateIndex } from "./near-duplicates.ts";
import { topicKey, topicTitle } from "./topic-names.ts";
import type { TopicMention } from "./types.ts";

/** One merged topic before selection: its key, every spelling seen, and the documents that mention it. */
export interface TopicCandidate {
  key: string;
  names: Map<string, number>;
  weight: number;
  mentions: Array<{ documentId: string; relevance: number }>;
}

/** Topic key → its candidate; keys folded into another candidate point at that candidate. */
export type TopicCandidates = Map<string, TopicCandidate>;

/** Merges topic names across documents by key (case, punctuation, plurals), then folds near-duplicate spellings. */
export function collectTopicCandidates(options: { documents: ReadonlyArray<{ id: string; topics: TopicMention[] }> }): TopicCandidates {
  const candidates: TopicCandidates = new Map();
  for (const document of options.documents) {
    const seen = new Set<string>();
    for (const mention of document.topics) {
      const key = topicKey(mention.name);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const candidate: TopicCandidate = candidates.get(key) ?? { key, names: new Map(), weight: 0, mentions: [] };
      candidate.names.set(mention.name, (candidate.names.get(mention.name) ?? 0) + 1);
      candidate.weight += mention.relevance;
      candidate.mentions.push({ documentId: document.id, relevance: mention.relevance });
      candidates.set(key, candidate);
    }
  }
  // Each lighter candidate folds into the heaviest one before it that is still its own and a near duplicate.
  const kept = new NearDuplicateIndex<TopicCandidate>();
  for (const lighter of byWeight(candidates)) {
    const heavier = kept.first(lighter.key);
    if (heavier) fold(candidates, heavier, lighter);
    else kept.add(lighter.key, lighter);
  }
  return candidates;
}

/** The distinct candidates, heaviest first (ties by key). */
export function byWeight(candidates: TopicCandidates): TopicCandidate[] {
  return [...new Set(candidates.values())].sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : 1));
}

/** The display name of each distinct candidate, sorted: what an LLM is asked to group. */
export function candidateNames(candidates: TopicCandidates): string[] {
  return byWeight(candidates)
    .map((candidate) => topicTitle(candidate.key))
    .sort();
}

/**
 * Folds each group of synonymous names (display names from candidateNames) into its heaviest candidate. Names
 * that match no candidate are ignored; a group left with fewer than two distinct candidates changes nothing.
 */
export function mergeSynonyms(candidates: TopicCandidates, groups: ReadonlyArray<readonly string[]>): void {
  // By display name, not topicKey(name): singularising a key's words again need not give the key back.
  const byName = new Map(byWeight(candidates).map((candidate) => [topicTitle(candidate.key), candidate]));
  for (const group of groups) {
    const members = [...new Set(group.map((name) => candidates.get(byName.get(name)?.key ?? "")).filter((candidate): candidate is TopicCandidate => candidate !== undefined))];
    const [heaviest, ...rest] = members.sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : 1));
    for (const lighter of rest) fold(candidates, heaviest!, lighter);
  }
}

/** The key of the candidate a key was folded into (itself when it was not). */
export function canonicalKey(candidates: TopicCandidates, key: string): string {
  return candidates.get(key)?.key ?? key;
}

// Moves the lighter candidate's spellings and mentions into the heavier one; every key that led to the lighter leads to the heavier.
function fold(candidates: TopicCandidates, heavier: TopicCandidate, lighter: TopicCandidate): void {
  for (const [name, count] of lighter.names) heavier.names.set(name, (heavier.names.get(name) ?? 0) + count);
  for (const mention of lighter.mentions) {
    const existing = heavier.mentions.find((each) => each.documentId === mention.documentId);
    if (existing) existing.relevance = Math.max(existing.relevance, mention.relevance);
    else heavier.mentions.push(mention);
  }
  heavier.weight = heavier.mentions.reduce((sum, mention) => sum + mention.relevance, 0);
  for (const [key, candidate] of candidates) if (candidate === lighter) candidates.set(key, heavier);
}

/**
 * The groups of an LLM's answer that can be trusted: names are kept only when they are one of `names`
 * (trimmed, exact), a name stays in the first group that has it, and a group needs two names to remain.
 */
export function checkTopicGroups(options: { names: readonly string[]; groups: ReadonlyArray<readonly string[]> }): string[][] {
  const known = new Set(options.names);
  const used = new Set<string>();
  const checked: string[][] = [];
  for (const group of options.groups) {
    const kept = [...new Set(group.map((name) => name.trim()))].filter((name) => known.has(name) && !used.has(name));
    if (kept.length < 2) continue;
    for (const name of kept) used.add(name);
    checked.push(kept);
  }
  return checked;
}
