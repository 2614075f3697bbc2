/** Reads a run's report input from graph state and the content store: what the report node and `document-it report` render. */
import { type DocumentOutline, readDocumentOutline } from "../src/document-outline.ts";
import type { ContentStore } from "../src/store.ts";
import type { ReportDocument } from "../src/run-types.ts";
import type { DocumentSummary, DocumentTopics, ReportInput, RunManifest, TopicGuideline } from "../src/types.ts";
import type { State } from "./state.ts";

/** Each topic's stored guideline, and why the others have none. */
export function readGuidelines(options: { state: State; store: ContentStore }): { guidelines: TopicGuideline[]; topicFailures: Record<string, string> } {
  const { state, store } = options;
  const guidelines: TopicGuideline[] = [];
  const topicFailures: Record<string, string> = {};
  for (const topic of state.topics) {
    const outcome = state.guidelines[topic.id];
    const guideline = outcome && "hash" in outcome ? store.get<TopicGuideline>(outcome.hash) : undefined;
    if (guideline) guidelines.push(guideline);
    else topicFailures[topic.id] = outcome && "failure" in outcome ? outcome.failure : "no guideline was produced";
  }
  return { guidelines, topicFailures };
}

/** The run's document records in index order. */
export function readRecords(state: State): State["documents"][string][] {
  return state.entries.map((entry) => state.documents[entry.id]!).filter(Boolean);
}

/** Everything the report renders: the manifest given, documents and their analyses from the store, topics and guidelines. */
export function readReportInput(options: { state: State; store: ContentStore; manifest: RunManifest; guidelines: TopicGuideline[] }): ReportInput {
  const { state, store } = options;
  return {
    manifest: options.manifest,
    index: state.index ?? { source: state.source, title: state.source },
    context: state.context!,
    documents: readRecords(state).map((record) => ({
      record,
      ...optional("document", record.contentHash ? reportDocument(readDocumentOutline({ store, contentHash: record.contentHash })) : undefined),
      ...optional("summary", record.summaryHash ? store.get<DocumentSummary>(record.summaryHash) : undefined),
      ...optional("topics", record.topicsHash ? store.get<DocumentTopics>(record.topicsHash) : undefined),
    })),
    topics: state.topics,
    guidelines: options.guidelines,
  };
}

// Only what the report shows: holding every document's text at once made the report the run's memory peak.
function reportDocument(document: DocumentOutline | undefined): ReportDocument | undefined {
  return document && { title: document.title, sections: document.sections.map(({ heading, level, anchor }) => ({ heading, level, anchor })) };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
