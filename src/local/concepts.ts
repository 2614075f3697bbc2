import type { Concept } from "../types.ts";
import { collectPhrases, preferredSurface, strongestSection, type PhraseCandidate } from "./key-phrases.ts";
import { countPhrase } from "./phrase-match.ts";
import { selectPhrases } from "./phrase-selection.ts";
import { singularize } from "./plural.ts";
import type { PreparedDocument } from "./prepared-document.ts";
import { tokenize } from "./tokenize.ts";
import { GENERIC_TOPIC_WORDS, IMPERATIVE_VERBS, isVerbForm } from "./vocabulary.ts";

const MAX_CONCEPTS = 8;
const LENGTH_FACTORS = [1, 1.5, 1.8];

/** Up to 8 key terms of a document, each described by the first prose sentence that uses it. */
export function extractConcepts(prepared: PreparedDocument, productName: string): Concept[] {
  const productWords = new Set(tokenize(productName).map(singularize));
  const scored = collectPhrases(prepared, { includeCode: true })
    .filter((candidate) => isConceptCandidate(candidate, productWords, prepared.sentences.length > 0))
    .map((candidate) => ({ candidate, score: conceptScore(candidate) }));
  const selected = selectPhrases(scored, MAX_CONCEPTS);
  const topScore = selected[0]?.score ?? 1;
  return selected.map(({ candidate, score }) => {
    const strongest = prepared.sections[strongestSection(candidate) ?? 0];
    // A term seen only in the title or headings is described by its section's (else the document's) first sentence.
    const sentence =
      prepared.sentences.find((proseSentence) => countPhrase(proseSentence.words, candidate.key) > 0) ?? strongest?.sentences[0] ?? prepared.sentences[0];
    const section = sentence !== undefined ? prepared.sections[sentence.sectionIndex] : strongest;
    return {
      name: preferredSurface(candidate),
      description: sentence?.text ?? "",
      importance: Math.max(1, Math.min(10, Math.round((10 * score) / topScore))),
      heading: section?.heading ?? "",
      anchor: section?.anchor ?? "",
    };
  });
}

function conceptScore(candidate: PhraseCandidate): number {
  const { title, heading, emphasis, prose } = candidate.free;
  return (5 * title + 3 * heading + 2 * emphasis + prose) * (LENGTH_FACTORS[candidate.words.length - 1] ?? 1);
}

function isConceptCandidate(candidate: PhraseCandidate, productWords: ReadonlySet<string>, hasProse: boolean): boolean {
  const { words, counts } = candidate;
  if (words.every((word) => productWords.has(singularize(word)) || GENERIC_TOPIC_WORDS.has(singularize(word)))) return false;
  // A term only ever seen in headings has no sentence to describe it, unless the title makes it central
  // (then the document's first sentence describes it).
  if (counts.prose + counts.emphasis === 0 && (counts.title === 0 || !hasProse)) return false;
  const single = words.length === 1 ? (words[0] ?? "") : undefined;
  if (single !== undefined) return !IMPERATIVE_VERBS.has(single) && (!isVerbForm(single) || counts.title > 0);
  // A multi-word phrase seen once in running text is more likely an accident of wording than a term.
  return counts.prose >= 2 || counts.title + counts.heading + counts.emphasis > 0;
}
