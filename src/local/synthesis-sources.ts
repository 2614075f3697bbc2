import type { CitedSource, DocumentSummary, SynthesisInput } from "../types.ts";
import { prepareDocument, type PreparedDocument, type PreparedSection } from "./prepared-document.ts";
import type { TopicMatcher } from "./topic-matcher.ts";
import { tokenize } from "./tokenize.ts";

/** One source of a guideline with what synthesis needs to quote it. */
export interface GuidelineSource {
  /** 1-based number used in citations. */
  number: number;
  prepared: PreparedDocument;
  summary: DocumentSummary;
  cited: CitedSource;
  /** Indexes of the sections about the topic (always including the cited one). */
  aboutSections: Set<number>;
  /** Share (0–1) of the document's sentences that mention the topic. */
  topicShare: number;
}

/**
 * Numbers the sources 1..n in input order and finds, in each, the section most about the topic: the
 * section the topic question named, else the section whose heading and prose match the topic best.
 */
export function prepareSources(input: SynthesisInput, matcher: TopicMatcher): GuidelineSource[] {
  return input.sources.map((source, index): GuidelineSource => {
    const prepared = prepareDocument(source.document);
    const sectionScores = prepared.sections.map((section) => sectionScore(section, matcher));
    const aboutSections = new Set(prepared.sections.filter((section) => (sectionScores[section.index] ?? 0) >= 1).map((section) => section.index));
    const cited = citedSection(prepared, source.topics.topics, sectionScores, matcher);
    if (cited !== undefined) aboutSections.add(cited.index);
    return {
      number: index + 1,
      prepared,
      summary: source.summary,
      aboutSections,
      topicShare: prepared.sentences.filter((sentence) => matcher.mentions(sentence.words)).length / Math.max(1, prepared.sentences.length),
      cited: {
        number: index + 1,
        documentId: source.document.id,
        url: source.document.url,
        title: source.document.title,
        heading: cited?.heading ?? "",
        anchor: cited?.anchor ?? "",
      },
    };
  });
}

function sectionScore(section: PreparedSection, matcher: TopicMatcher): number {
  return 3 * matcher.score(tokenize(section.heading)) + section.sentences.reduce((sum, sentence) => sum + matcher.score(sentence.words), 0);
}

function citedSection(
  prepared: PreparedDocument,
  mentions: ReadonlyArray<{ name: string; relevance: number; anchor: string }>,
  sectionScores: readonly number[],
  matcher: TopicMatcher,
): PreparedSection | undefined {
  // The exact name beats a related form ("Signing" over "Signature"), then relevance decides.
  const mention = mentions
    .map((candidate) => ({ candidate, score: matcher.score(tokenize(candidate.name)) }))
    .filter(({ score }) => score >= 1)
    .sort((first, second) => second.score - first.score || second.candidate.relevance - first.candidate.relevance)[0]?.candidate;
  const named = mention === undefined ? undefined : prepared.sections.find((section) => section.anchor === mention.anchor);
  if (named !== undefined) return named;
  let best: PreparedSection | undefined;
  let bestScore = 0;
  for (const section of prepared.sections) {
    const score = sectionScores[section.index] ?? 0;
    if (score > bestScore) {
      best = section;
      bestScore = score;
    }
  }
  return best ?? prepared.sections[0];
}
