/** Builds the data report.html embeds: the report input cut to what the page shows, with links checked. */
import type { CitedSource, ReportInput, SourceReference, TopicGuideline } from "../../types.ts";
import { anchoredUrl, topicName, type ReportLookups } from "../report-lookups.ts";
import { layoutGraph } from "./graph-layout.ts";
import type { HtmlDocument, HtmlGuideline, HtmlReportData, HtmlTopic, LinkedSection } from "./report-data-types.ts";
import { safeHref } from "./safe-url.ts";

type DocumentEntry = ReportInput["documents"][number];

function linkedSection(url: string, reference: SourceReference): LinkedSection {
  return { heading: reference.heading, href: safeHref(anchoredUrl({ url, anchor: reference.anchor })) };
}

function htmlSource(lookups: ReportLookups, source: CitedSource) {
  const documentId = lookups.recordsById.has(source.documentId) ? source.documentId : undefined;
  return { number: source.number, title: source.title, url: source.url, documentId, ...linkedSection(source.url, source) };
}

function htmlGuideline(lookups: ReportLookups, guideline: TopicGuideline): HtmlGuideline {
  const { overview, whenToUse, steps, pitfalls, code } = guideline;
  const sources = [...guideline.sources].sort((left, right) => left.number - right.number).map((source) => htmlSource(lookups, source));
  return { overview, whenToUse, steps, pitfalls, code, sources };
}

function htmlTopics(lookups: ReportLookups): HtmlTopic[] {
  const { input } = lookups;
  const guidelines = new Map(input.guidelines.map((guideline) => [guideline.topicId, guideline]));
  const failures = new Map(input.manifest.topics.map((topic) => [topic.id, topic.failure]));
  return input.topics.map((topic) => {
    const guideline = guidelines.get(topic.id);
    return {
      id: topic.id,
      name: topicName(lookups, topic.id),
      // An alias that only differs from the name in case says nothing the name does not.
      aliases: topic.aliases.filter((alias) => alias.toLowerCase() !== topic.name.toLowerCase()),
      documentIds: [...new Set(topic.documentIds)].filter((documentId) => lookups.recordsById.has(documentId)),
      relatedTopicIds: (guideline?.relatedTopicIds ?? topic.relatedTopicIds).filter((topicId) => lookups.topicsById.has(topicId)),
      guideline: guideline === undefined ? undefined : htmlGuideline(lookups, guideline),
      failure: guideline === undefined ? (failures.get(topic.id) ?? "No guideline was written for this topic.") : undefined,
    };
  });
}

function htmlDocument(lookups: ReportLookups, entry: DocumentEntry): HtmlDocument {
  const { record, summary } = entry;
  const topicIds =
    record.topicIds ?? lookups.input.topics.filter((topic) => topic.documentIds.includes(record.id)).map((topic) => topic.id);
  return {
    id: record.id,
    title: entry.document?.title || record.title || record.url,
    url: record.url,
    href: safeHref(record.url),
    section: record.section,
    optional: record.optional,
    status: record.status,
    tokens: record.tokens,
    failure: record.failure,
    summary: summary?.summary,
    concepts: (summary?.concepts ?? []).map((concept) => ({ ...concept, ...linkedSection(record.url, concept) })),
    notes: (summary?.implementationNotes ?? []).map((note) => ({ title: note.title, steps: note.steps, ...linkedSection(record.url, note) })),
    patterns: (summary?.codePatterns ?? []).map((pattern) => ({ ...pattern, ...linkedSection(record.url, pattern) })),
    topicIds: topicIds.filter((topicId) => lookups.topicsById.has(topicId)),
    relatedDocumentIds: (record.relatedDocumentIds ?? []).filter((documentId) => lookups.recordsById.has(documentId)),
  };
}

/** The report data, with the graph laid out; deterministic for a given input. */
export function buildHtmlReportData(lookups: ReportLookups): HtmlReportData {
  const { input } = lookups;
  const topics = htmlTopics(lookups);
  const documents = input.documents.map((entry) => htmlDocument(lookups, entry));
  const documentIndex = new Map(documents.map((document, index) => [document.id, index]));
  const links = topics.flatMap((topic, topicIndex) =>
    topic.documentIds.map((documentId): [number, number] => [topicIndex, documentIndex.get(documentId)!]),
  );
  return {
    title: input.context.name || input.index.title || "Documentation",
    summary: input.context.description || input.index.summary || "",
    details: input.context.details || input.index.details || "",
    extractive: input.manifest.extractive,
    runId: input.manifest.runId,
    finishedAt: input.manifest.finishedAt,
    provider: input.manifest.provider,
    model: input.manifest.model,
    coverage: input.manifest.coverage,
    features: input.context.features.map(({ name, description }) => ({ name, description })),
    terminology: input.context.terminology.map(({ term, definition }) => ({ term, definition })),
    topics,
    documents,
    graph: layoutGraph({ topicCount: topics.length, documentCount: documents.length, links }),
  };
}
