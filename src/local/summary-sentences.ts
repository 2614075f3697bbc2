import type { PreparedDocument, ProseSentence } from "./prepared-document.ts";
import { contentTerms } from "./tokenize.ts";

const MIN_WORDS = 5;
const MAX_WORDS = 45;

/**
 * Picks the 2–4 most representative prose sentences of a document (term frequency, shared terms with the
 * title and headings, early position) and joins them in document order.
 */
export function summarizeProse(prepared: PreparedDocument): string {
  const chosen = rankSummarySentences(prepared);
  if (chosen.length === 0) return prepared.document.title;
  return chosen
    .sort((first, second) => first.position - second.position)
    .map((sentence) => sentence.text)
    .join(" ");
}

function rankSummarySentences(prepared: PreparedDocument): ProseSentence[] {
  const fitting = (sentence: ProseSentence): boolean => sentence.words.length >= MIN_WORDS && sentence.words.length <= MAX_WORDS;
  let candidates = prepared.sentences.filter((sentence) => sentence.kind !== "list-item" && fitting(sentence));
  // Documents that are mostly lists still deserve a summary from their items.
  if (candidates.length < 2) candidates = prepared.sentences.filter(fitting);
  if (candidates.length < 2) candidates = prepared.sentences.filter((sentence) => sentence.words.length >= 2);
  if (candidates.length === 0) return [];

  const frequency = new Map<string, number>();
  for (const sentence of candidates) for (const term of sentence.terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  // A loop, not Math.max(...values): a long document has more terms than a call may take arguments.
  let highest = 1;
  for (const count of frequency.values()) highest = Math.max(highest, count);
  const titleTerms = new Set(contentTerms(prepared.document.title));
  const headingTerms = new Set(prepared.sections.flatMap((section) => contentTerms(section.heading)));
  const total = prepared.sentences.length;

  const scored = candidates.map((sentence) => {
    const unique = [...new Set(sentence.terms)];
    const termWeight = unique.reduce(
      (sum, term) => sum + (frequency.get(term) ?? 0) / highest + (titleTerms.has(term) ? 0.6 : 0) + (headingTerms.has(term) ? 0.3 : 0),
      0,
    );
    let score = termWeight / Math.sqrt(Math.max(4, unique.length));
    score += 0.8 * (1 - sentence.position / Math.max(1, total));
    if (sentence.sectionPosition === 0) score += 0.2;
    // A sentence that introduces a code block or a list ("Run the following:") says little on its own.
    if (/:$/u.test(sentence.text)) score *= 0.5;
    return { sentence, score };
  });
  scored.sort((first, second) => second.score - first.score || first.sentence.position - second.sentence.position);

  const count = Math.min(candidates.length, candidates.length >= 12 ? 4 : candidates.length >= 6 ? 3 : 2);
  const chosen: ProseSentence[] = [];
  for (const { sentence } of scored) {
    if (chosen.length >= count) break;
    if (chosen.some((other) => similarity(other.terms, sentence.terms) > 0.7)) continue;
    chosen.push(sentence);
  }
  return chosen;
}

function similarity(first: readonly string[], second: readonly string[]): number {
  const firstSet = new Set(first);
  const secondSet = new Set(second);
  const shared = [...firstSet].filter((term) => secondSet.has(term)).length;
  const union = new Set([...firstSet, ...secondSet]).size;
  return union === 0 ? 1 : shared / union;
}
