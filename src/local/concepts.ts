import type { Concept } from "../types.ts";
import { collectPhrases, preferredSurface, strongestSection, type PhraseCandidate } from "./key-phrases.ts";
import { countPhrase } from "./phrase-match.ts";
import type { PreparedDocument, PreparedSection } from "./prepared-document.ts";
import { GENERIC_TOPIC_WORDS, IMPERATIVE_VERBS } from "./vocabulary.ts";
import { tokenize } from "./tokenize.ts";
import { singularize } from "./plural.ts";
import { selectPhrases } from "./phrase-selection.ts";

const MAX_CONCEPTS = 8;
const LENGTH_FACTORS = [1, 1.5, 1.8];

/** Up to 8 key terms of a document, each described by the first prose sentence that uses it. */
export function extractConcepts(prepared: PreparedDocument, productName: string): Concept[] {
  const productWords = new Set(tokenize(productName).map(singularize));
  const scored = collectPhrases(prepared, { includeCode: true })
    .filter((candidate) => isConceptCandidate(candidate, productWords))
    .map((candidate) => ({ candidate, score: conceptScore(candidate) }));
  const selected = selectPhrases(scored, MAX_CONCEPTS);
  const topScore = selected[0]?.score ?? 1;
  return selected.map(({ candidate, score }) => {
    const sentence = prepared.sentences.find((proseSentence) => countPhrase(proseSentence.words, candidate.key) > 0);
    const fallbackSection = prepared.sections[strongestSection(candidate) ?? 0];
    const section: PreparedSection | undefined = sentence !== undefined ? prepared.sections[sentence.sectionIndex] : fallbackSection;
    return {
      name: preferredSurface(candidate),
      description: sentence?.text ?? section?.sentences[0]?.text ?? "",
      importance: Math.max(1, Math.min(10, Math.round((10 * score) / topScore))),
      heading: section?.heading ?? "",
      anchor: section?.anchor ?? "",
    };
  });
}

function conceptScore(candidate: PhraseCandidate): number {
  const { title, heading, emphasis, prose } = candidate.free;
  return (3 * title + 3 * heading + 2 * emphasis + prose) * (LENGTH_FACTORS[candidate.words.length - 1] ?? 1);
}

function isConceptCandidate(candidate: PhraseCandidate, productWords: ReadonlySet<string>): boolean {
  const { words, counts } = candidate;
  if (words.every((word) => productWords.has(singularize(word)) || GENERIC_TOPIC_WORDS.has(singularize(word)))) return false;
  if (words.length === 1) return !IMPERATIVE_VERBS.has(words[0] ?? "");
  // A multi-word phrase seen once in running text is more likely an accident of wording than a term.
  return counts.prose >= 2 || counts.title + counts.heading + counts.emphasis > 0;
}
