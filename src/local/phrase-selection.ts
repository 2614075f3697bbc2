import type { PhraseCandidate } from "./key-phrases.ts";
import { phrasesOverlap } from "./phrase-match.ts";

/** A candidate phrase with the score a question gave it. */
export interface ScoredPhrase {
  candidate: PhraseCandidate;
  score: number;
}

/**
 * The best `limit` phrases by score (first seen wins a tie), skipping any phrase that contains or is contained
 * in one already chosen, so "webhook" and "webhook signing" are never both picked.
 */
export function selectPhrases(scored: readonly ScoredPhrase[], limit: number): ScoredPhrase[] {
  const ranked = [...scored].filter((entry) => entry.score > 0).sort((first, second) => second.score - first.score || first.candidate.order - second.candidate.order);
  const selected: ScoredPhrase[] = [];
  for (const entry of ranked) {
    if (selected.length >= limit) break;
    if (selected.some((chosen) => phrasesOverlap(chosen.candidate.key, entry.candidate.key))) continue;
    selected.push(entry);
  }
  return selected;
}
