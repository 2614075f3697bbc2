import { countPhrase, phraseKey } from "./phrase-match.ts";
import { stem } from "./stem.ts";
import { isContentWord, tokenize } from "./tokenize.ts";

/** Scores how much a text is about a topic. */
export interface TopicMatcher {
  /**
   * 2 for the exact phrase (or an alias), 1 when all its words appear in some form ("signed" for "signing"),
   * up to 0.5 for half or more of them.
   */
  score(words: readonly string[]): number;
  /** True when the score is at least 1. */
  mentions(words: readonly string[]): boolean;
}

/** A matcher for a topic known by several names (its name and aliases), ignoring case, plurals and word forms. */
export function createTopicMatcher(names: readonly string[]): TopicMatcher {
  const keys = [...new Set(names.map((name) => phraseKey(tokenize(name))).filter((key) => key !== ""))];
  const termSets = keys.map((key) => new Set(key.split(" ").filter(isContentWord).map(stem))).filter((terms) => terms.size > 0);
  const score = (words: readonly string[]): number => {
    if (keys.some((key) => countPhrase(words, key) > 0)) return 2;
    // Identifiers count by their parts too: "relaykit-signature" and "signature_mismatch" hold "signature".
    const parts = words.flatMap((word) => (/[-_.]/u.test(word) ? [word, ...word.split(/[-_.]+/u)] : [word]));
    const present = new Set(parts.filter(isContentWord).map(stem));
    let best = 0;
    for (const terms of termSets) {
      const fraction = [...terms].filter((term) => present.has(term)).length / terms.size;
      if (fraction === 1) best = Math.max(best, 1);
      else if (terms.size >= 2 && fraction >= 0.5) best = Math.max(best, 0.5 * fraction);
    }
    return best;
  };
  return { score, mentions: (words) => score(words) >= 1 };
}
