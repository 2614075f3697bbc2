import type { Statement } from "../types.ts";
import { splitSentences } from "./sentences.ts";
import type { StatementBook } from "./statement-book.ts";
import type { GuidelineSource } from "./synthesis-sources.ts";
import type { TopicMatcher } from "./topic-matcher.ts";
import { tokenize } from "./tokenize.ts";

/** A sentence a guideline may quote, with how much it is about the topic. */
export interface QuotableSentence {
  text: string;
  /** Source number to cite. */
  number: number;
  /** Position in its document; summary-only sentences come first with negative positions. */
  position: number;
  wordCount: number;
  topicScore: number;
  /** True when the sentence sits in a section about the topic. */
  inAboutSection: boolean;
  /** True when the document summary quotes the sentence. */
  inSummary: boolean;
}

const WHEN_CUES = /\b(?:when|whenever|if you|in case)\b|\buse\b.{1,60}?\bto\b|^for\b(?!\s+(?:example|instance))|\b(?:useful|ideal|designed|best|recommended|suited|suitable|intended|meant|good|great)\s+for\b/iu;
// Fragments such as "Bad: a fresh key" read badly as statements of their own.
const COMPLETE_SENTENCE = /[.!?:]["')\]`*]?$/u;
const PITFALL_CUES = /\b(?:note|warning|avoid|never|do not|don't|must|caution|important|make sure)\b/iu;

/** Every prose sentence of the sources, plus summary sentences that are not in the prose. */
export function quotableSentences(sources: readonly GuidelineSource[], matcher: TopicMatcher): QuotableSentence[] {
  return sources.flatMap((source) => {
    const summarySentences = splitSentences(source.summary.summary);
    const inSummary = new Set(summarySentences);
    const proseTexts = new Set(source.prepared.sentences.map((sentence) => sentence.text));
    const summaryOnly = summarySentences
      .filter((text) => !proseTexts.has(text))
      .map((text, index): QuotableSentence => {
        const words = tokenize(text);
        return { text, number: source.number, position: index - summarySentences.length, wordCount: words.length, topicScore: matcher.score(words), inAboutSection: false, inSummary: true };
      });
    const prose = source.prepared.sentences.map((sentence): QuotableSentence => ({
      text: sentence.text,
      number: source.number,
      position: sentence.position,
      wordCount: sentence.words.length,
      topicScore: matcher.score(sentence.words),
      inAboutSection: source.aboutSections.has(sentence.sectionIndex),
      inSummary: inSummary.has(sentence.text),
    }));
    return [...summaryOnly, ...prose];
  });
}

/** Up to 5 warnings ("Avoid…", "Never…", "Note:…") from the sections about the topic. */
export function pickPitfalls(sentences: readonly QuotableSentence[], book: StatementBook): Statement[] {
  const eligible = sentences.filter((sentence) => sentence.inAboutSection && PITFALL_CUES.test(sentence.text) && sentence.wordCount >= 4);
  return takeBest(eligible, (sentence) => sentence.topicScore, 5, book);
}

/** Up to 3 sentences saying when or why to use the topic ("when…", "if you…", "use … to…"). */
export function pickWhenToUse(sentences: readonly QuotableSentence[], book: StatementBook): Statement[] {
  const eligible = sentences.filter(
    (sentence) => (sentence.topicScore >= 1 || sentence.inAboutSection) && WHEN_CUES.test(sentence.text) && sentence.wordCount >= 4 && COMPLETE_SENTENCE.test(sentence.text),
  );
  return takeBest(eligible, (sentence) => sentence.topicScore + (sentence.inAboutSection ? 0.5 : 0), 3, book);
}

/**
 * 2–4 sentences most about the topic, favouring the document summaries, at most two per source unless
 * fewer sources have anything to say; topped up from the summaries when too few mention the topic.
 */
export function pickOverview(sentences: readonly QuotableSentence[], book: StatementBook): Statement[] {
  const fitting = sentences.filter((sentence) => sentence.wordCount >= 5 && sentence.wordCount <= 60 && COMPLETE_SENTENCE.test(sentence.text));
  const score = (sentence: QuotableSentence): number => sentence.topicScore + (sentence.inSummary ? 1 : 0) + (sentence.inAboutSection ? 0.5 : 0);
  const eligible = rank(fitting.filter((sentence) => sentence.topicScore >= 1), score);
  const perSource = new Map<number, number>();
  const overview: Statement[] = [];
  const tryTake = (sentence: QuotableSentence): void => {
    if (overview.length >= 4) return;
    const statement = book.take(sentence.text, sentence.number);
    if (statement === undefined) return;
    overview.push(statement);
    perSource.set(sentence.number, (perSource.get(sentence.number) ?? 0) + 1);
  };
  for (const sentence of eligible) if ((perSource.get(sentence.number) ?? 0) < 2) tryTake(sentence);
  for (const sentence of eligible) tryTake(sentence);
  const fillers = [...fitting.filter((sentence) => sentence.inSummary), ...rank(fitting.filter((sentence) => sentence.inAboutSection), score)];
  for (const sentence of fillers) if (overview.length < 2) tryTake(sentence);
  return overview;
}

function takeBest(eligible: readonly QuotableSentence[], score: (sentence: QuotableSentence) => number, limit: number, book: StatementBook): Statement[] {
  const statements: Statement[] = [];
  for (const sentence of rank(eligible, score)) {
    if (statements.length >= limit) break;
    const statement = book.take(sentence.text, sentence.number);
    if (statement !== undefined) statements.push(statement);
  }
  return statements;
}

function rank(sentences: readonly QuotableSentence[], score: (sentence: QuotableSentence) => number): QuotableSentence[] {
  return [...sentences].sort((first, second) => score(second) - score(first) || first.number - second.number || first.position - second.position);
}
