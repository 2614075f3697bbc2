/** Turns checked answers into the shared shapes of src/types.ts, resolving headings to anchors and checking citations. */
import type { AnalysisDocument, CitedSource, ContextInput, DocumentSummary, DocumentTopics, GlobalContext, Statement, SynthesisInput, TopicGuideline } from "../../types.ts";
import { CONTEXT_SOURCE_IDS } from "../question-messages.ts";
import { resolveSection } from "../sections.ts";
import type { ContextAnswer, GuidelineAnswer, SummarizeAnswer, TopicAnswer } from "./schemas.ts";

/** One summary per answered document of the batch, in batch order; ids the batch lacks and repeats are dropped. */
export function toDocumentSummaries(answer: SummarizeAnswer, documents: readonly AnalysisDocument[]): DocumentSummary[] {
  return pairWithDocuments(answer.documents, documents).map(([entry, document]) => {
    const at = (heading: string) => resolveSection(document.sections, heading);
    return {
      documentId: document.id,
      summary: entry.summary.trim(),
      concepts: entry.concepts.map((concept) => ({ name: concept.name.trim(), description: concept.description.trim(), importance: concept.importance, ...at(concept.heading) })),
      implementationNotes: entry.implementationNotes.map((note) => ({ title: note.title.trim(), steps: note.steps.map((step) => step.trim()).filter((step) => step !== ""), ...at(note.heading) })),
      codePatterns: entry.codePatterns.map((pattern) => ({ name: pattern.name.trim(), language: pattern.language.trim(), code: pattern.code, whenToUse: pattern.whenToUse.trim(), ...at(pattern.heading) })),
    };
  });
}

/** The topics of each answered document of the batch, in batch order. */
export function toDocumentTopics(answer: TopicAnswer, documents: readonly AnalysisDocument[]): DocumentTopics[] {
  return pairWithDocuments(answer.documents, documents).map(([entry, document]) => ({
    documentId: document.id,
    topics: entry.topics
      .filter((topic) => topic.name.trim() !== "")
      .map((topic) => ({ name: topic.name.trim(), relevance: topic.relevance, ...resolveSection(document.sections, topic.heading) })),
  }));
}

function pairWithDocuments<T extends { documentId: string }>(entries: readonly T[], documents: readonly AnalysisDocument[]): Array<[T, AnalysisDocument]> {
  const byId = new Map<string, T>();
  for (const entry of entries) if (!byId.has(entry.documentId.trim())) byId.set(entry.documentId.trim(), entry);
  return documents.flatMap((document): Array<[T, AnalysisDocument]> => {
    const entry = byId.get(document.id);
    return entry === undefined ? [] : [[entry, document]];
  });
}

/** For each source, the section the topic question named for this topic (by name or alias), else the document's start. */
export function citedSections(input: SynthesisInput): Array<{ heading: string; anchor: string }> {
  const names = new Set([input.topic.name, ...input.topic.aliases].map((name) => name.trim().toLowerCase()));
  return input.sources.map(({ topics }) => {
    const mention = topics.topics.filter((topic) => names.has(topic.name.trim().toLowerCase())).sort((a, b) => b.relevance - a.relevance)[0];
    return mention === undefined ? { heading: "", anchor: "" } : { heading: mention.heading, anchor: mention.anchor };
  });
}

/**
 * The guideline of a topic. Citation numbers outside its sources are removed (so are `[n]` markers written
 * into the text, which become citations), and a statement or code item left with no citation is dropped; both
 * counts go to `citationCheck`.
 */
export function toGuideline(answer: GuidelineAnswer, input: SynthesisInput): TopicGuideline {
  const sections = citedSections(input);
  const sources: CitedSource[] = input.sources.map(({ document }, index) => ({ number: index + 1, documentId: document.id, url: document.url, title: document.title, ...sections[index]! }));
  const check = { removedCitations: 0, removedStatements: 0 };
  const keep = (citations: readonly number[]): number[] => {
    const inRange = citations.filter((number) => Number.isInteger(number) && number >= 1 && number <= sources.length);
    check.removedCitations += citations.length - inRange.length;
    return [...new Set(inRange)].sort((a, b) => a - b);
  };
  const statements = (list: GuidelineAnswer["overview"]): Statement[] =>
    list.flatMap((statement) => {
      const markers = [...statement.text.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g)].flatMap((match) => match[1]!.split(",").map(Number));
      const citations = keep([...statement.citations, ...markers]);
      const text = statement.text.replace(/\s*\[\d+(?:\s*,\s*\d+)*\]/g, "").trim();
      if (citations.length === 0 || text === "") return countDropped();
      return [{ text, citations }];
    });
  const countDropped = (): [] => {
    check.removedStatements += 1;
    return [];
  };
  return {
    topicId: input.topic.id,
    name: input.topic.name,
    overview: statements(answer.overview),
    whenToUse: statements(answer.whenToUse),
    steps: statements(answer.steps),
    code: answer.code.flatMap((item) => {
      const citations = keep(item.citations);
      if (citations.length === 0 || item.code.trim() === "") return countDropped();
      return [{ title: item.title.trim(), language: item.language.trim(), code: item.code, citations }];
    }),
    pitfalls: statements(answer.pitfalls),
    relatedTopicIds: input.relatedTopics.map((topic) => topic.id),
    sources,
    citationCheck: check,
  };
}

/** The version-1 global context; each fact's source is the URL of the document the answer named. */
export function toGlobalContext(answer: ContextAnswer, input: ContextInput, by: string): GlobalContext {
  const urls = new Map<string, string>([[CONTEXT_SOURCE_IDS.index, input.index.source]]);
  if (input.landingPage) urls.set(CONTEXT_SOURCE_IDS.landingPage, input.landingPage.url);
  const sourceOf = (id: string) => urls.get(id.trim()) ?? input.index.source;
  const features = answer.features.map((feature) => ({ name: feature.name.trim(), description: feature.description.trim(), importance: feature.importance, source: sourceOf(feature.source) }));
  const terminology = answer.terminology.map((entry) => ({ term: entry.term.trim(), definition: entry.definition.trim(), source: sourceOf(entry.source) }));
  return {
    version: 1,
    name: answer.name.trim() || input.index.title,
    description: answer.description.trim() || (input.index.summary ?? ""),
    details: input.index.details ?? "",
    features,
    terminology,
    history: [{ version: 1, by, added: [...features.map((feature) => feature.name), ...terminology.map((entry) => entry.term)] }],
    purpose: answer.purpose.trim(),
    audience: answer.audience.trim(),
    confidence: { score: answer.confidence.score, reason: answer.confidence.reason.trim() },
  };
}
