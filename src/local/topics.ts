import type { TopicMention } from "../types.ts";
import { collectPhrases, strongestSection, type PhraseCandidate } from "./key-phrases.ts";
import { singularize } from "./plural.ts";
import type { PreparedDocument } from "./prepared-document.ts";
import { selectPhrases } from "./phrase-selection.ts";
import { titleCase } from "./title-case.ts";
import { tokenize } from "./tokenize.ts";
import { GENERIC_TOPIC_WORDS, IMPERATIVE_VERBS, isVerbForm } from "./vocabulary.ts";

const MAX_TOPICS = 5;
const MIN_TOPICS = 2;
// Below this share of the best topic's score a phrase is a detail, not a topic.
const MIN_RELEVANCE = 0.25;
const LENGTH_FACTORS = [1, 1.3, 1.5];

/**
 * 2–5 topics of a document, named by key phrases folded to a singular, title-cased form so the same
 * topic gets the same name in every document. Title and headings weigh most; the product name and words
 * like "overview" or "guide" are never topics.
 */
export function extractTopics(prepared: PreparedDocument, productName: string): TopicMention[] {
  const productWords = new Set(tokenize(productName).map(singularize));
  const scored = collectPhrases(prepared, { includeCode: false })
    .filter((candidate) => isTopicCandidate(candidate, productWords))
    .map((candidate) => ({ candidate, score: topicScore(candidate) }));
  const selected = selectPhrases(scored, MAX_TOPICS);
  const best = selected[0]?.score ?? 1;
  return selected
    .map(({ candidate, score }) => ({ candidate, relevance: Math.round((100 * score) / best) / 100 }))
    .filter(({ relevance }, position) => position < MIN_TOPICS || relevance >= MIN_RELEVANCE)
    .map(({ candidate, relevance }) => {
      const section = prepared.sections[strongestSection(candidate) ?? 0];
      return { name: titleCase(candidate.words), relevance, heading: section?.heading ?? "", anchor: section?.anchor ?? "" };
    });
}

function topicScore(candidate: PhraseCandidate): number {
  // Prose frequency is damped so a word repeated everywhere does not outweigh the title and headings.
  const { title, heading, emphasis, prose } = candidate.free;
  return (8 * title + 5 * heading + emphasis + 2 * Math.log(1 + prose)) * (LENGTH_FACTORS[candidate.words.length - 1] ?? 1);
}

function isTopicCandidate(candidate: PhraseCandidate, productWords: ReadonlySet<string>): boolean {
  const { words } = candidate;
  if (words.every((word) => productWords.has(singularize(word)) || GENERIC_TOPIC_WORDS.has(singularize(word)))) return false;
  // Within one product's documentation its name adds nothing to a topic ("How Relaykit responds").
  if (words.length > 1 && words.some((word) => productWords.has(singularize(word)))) return false;
  const single = words.length === 1 ? (words[0] ?? "") : undefined;
  if (single !== undefined && IMPERATIVE_VERBS.has(single)) return false;
  // A lone gerund from a heading ("Sending…", "Verifying…") names an action; only the title makes it a topic.
  if (single !== undefined && isVerbForm(single) && candidate.counts.title === 0) return false;
  if (words.length > 1 && candidate.counts.prose < 2 && candidate.counts.title + candidate.counts.heading === 0) return false;
  return /\p{L}{2}/u.test(candidate.key);
}
