import type { Statement, TopicGuideline } from "../types.ts";
import type { StatementBook } from "./statement-book.ts";
import type { GuidelineSource } from "./synthesis-sources.ts";
import type { TopicMatcher } from "./topic-matcher.ts";
import { tokenize } from "./tokenize.ts";

const MAX_STEPS = 10;
const MAX_CODE = 3;

/**
 * Steps of the implementation notes that mention the topic, at most 10. When none does, the notes of the
 * sections about the topic, else every note.
 */
export function pickSteps(sources: readonly GuidelineSource[], matcher: TopicMatcher, book: StatementBook): Statement[] {
  const notes = sources.flatMap((source) => source.summary.implementationNotes.map((note) => ({ note, number: source.number })));
  const matching = notes.filter(({ note }) => matcher.mentions(tokenize(note.title)) || note.steps.some((step) => matcher.mentions(tokenize(step))));
  const inAboutSections = sources.flatMap((source) =>
    source.summary.implementationNotes
      .filter((note) => source.prepared.sections.some((section) => section.anchor === note.anchor && source.aboutSections.has(section.index)))
      .map((note) => ({ note, number: source.number })),
  );
  const chosen = matching.length > 0 ? matching : inAboutSections.length > 0 ? inAboutSections : notes;
  const steps: Statement[] = [];
  for (const { note, number } of chosen) {
    for (const step of note.steps) {
      if (steps.length >= MAX_STEPS) return steps;
      const statement = book.take(step, number);
      if (statement !== undefined) steps.push(statement);
    }
  }
  return steps;
}

/** Up to 3 code patterns, those whose name, explanation or section mention the topic first. */
export function pickCode(sources: readonly GuidelineSource[], matcher: TopicMatcher): TopicGuideline["code"] {
  const patterns = sources.flatMap((source) =>
    source.summary.codePatterns.map((pattern, index) => {
      const section = source.prepared.sections.find((candidate) => candidate.anchor === pattern.anchor);
      const sectionWords = section?.sentences.flatMap((sentence) => sentence.words) ?? [];
      // A heading names what the code is for; an explanation or the section's prose may only refer to the topic.
      let score = 0;
      if (matcher.mentions(identifierWords(`${pattern.name} ${pattern.heading}`))) score = 2;
      else if (matcher.mentions(identifierWords(pattern.whenToUse)) || matcher.mentions(sectionWords)) score = 1;
      else if (matcher.score(identifierWords(pattern.code)) > 0) score = 0.5;
      // Code from a section about the topic beats code that merely names it elsewhere.
      if (section !== undefined && source.aboutSections.has(section.index)) score += 1;
      score += source.topicShare;
      return { pattern, number: source.number, index, score };
    }),
  );
  patterns.sort((first, second) => second.score - first.score || first.number - second.number || first.index - second.index);
  const seen = new Set<string>();
  const code: TopicGuideline["code"] = [];
  for (const { pattern, number } of patterns) {
    if (code.length >= MAX_CODE) break;
    if (seen.has(pattern.code.trim())) continue;
    seen.add(pattern.code.trim());
    code.push({ title: pattern.name, language: pattern.language, code: pattern.code, citations: [number] });
  }
  return code;
}

// Splits camelCase so `verifySignature` matches the topic "Signature".
function identifierWords(text: string): string[] {
  return tokenize(text.replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2"));
}
