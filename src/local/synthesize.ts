import type { SynthesisInput, TopicGuideline } from "../types.ts";
import { createStatementBook } from "./statement-book.ts";
import { pickCode, pickSteps } from "./synthesis-material.ts";
import { prepareSources } from "./synthesis-sources.ts";
import { pickOverview, pickPitfalls, pickWhenToUse, quotableSentences } from "./synthesis-statements.ts";
import { createTopicMatcher } from "./topic-matcher.ts";

/**
 * Builds the guideline of one topic by quoting its sources: every statement is a sentence, step or code
 * block of a source, cited by the source's 1-based number, and no statement text appears twice.
 */
export function synthesizeGuideline(input: SynthesisInput): TopicGuideline {
  const matcher = createTopicMatcher([input.topic.name, ...input.topic.aliases]);
  const sources = prepareSources(input, matcher);
  const sentences = quotableSentences(sources, matcher);
  const book = createStatementBook();
  // Specific sections claim their sentences first, so the overview is left with the general ones.
  const steps = pickSteps(sources, matcher, book);
  const pitfalls = pickPitfalls(sentences, book);
  const whenToUse = pickWhenToUse(sentences, book);
  const overview = pickOverview(sentences, book);
  return {
    topicId: input.topic.id,
    name: input.topic.name,
    overview,
    whenToUse,
    steps,
    code: pickCode(sources, matcher),
    pitfalls,
    relatedTopicIds: input.relatedTopics.map((topic) => topic.id),
    sources: sources.map((source) => source.cited),
  };
}
