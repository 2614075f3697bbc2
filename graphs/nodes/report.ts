import type { Runtime } from "@langchain/langgraph";
import { join } from "node:path";
import { buildManifest } from "../../src/manifest.ts";
import { writeReport } from "../../src/report/index.ts";
import type { DocumentSummary, DocumentTopics, ExtractedDocument, ReportInput, TopicGuideline } from "../../src/types.ts";
import { resolveRuntime } from "../services.ts";
import type { State, Update } from "../state.ts";

/** Renders every output from state and the content store into the run's output folder; no analyser call. */
export async function report(state: State, runtime: Runtime & { configurable?: Record<string, unknown> }): Promise<Update> {
  const { configuration, services } = resolveRuntime(runtime);
  const { store, analyser } = services;
  const start = services.now();
  const runId = String(runtime.configurable?.["thread_id"] ?? "unnamed-run");
  const outDir = configuration.outDir ?? join("output", runId);
  const records = state.entries.map((entry) => state.documents[entry.id]!).filter(Boolean);
  const guidelines: TopicGuideline[] = [];
  const topicFailures: Record<string, string> = {};
  for (const topic of state.topics) {
    const outcome = state.guidelines[topic.id];
    const guideline = outcome && "hash" in outcome ? store.get<TopicGuideline>(outcome.hash) : undefined;
    if (guideline) guidelines.push(guideline);
    else topicFailures[topic.id] = outcome && "failure" in outcome ? outcome.failure : "no guideline was produced";
  }
  const spans = { ...state.timings, report: { start, end: services.now() } };
  const manifest = buildManifest({
    runId,
    source: state.source,
    provider: analyser.provider,
    model: analyser.model,
    extractive: analyser.extractive,
    config: { ...configuration, ...(state.maxDocs ? { maxDocs: state.maxDocs } : {}), outDir },
    records,
    topics: state.topics,
    topicFailures,
    spans,
    now: services.now(),
    ...(services.usage ? { usage: services.usage } : {}),
    citations: guidelines.reduce(
      (total, guideline) => ({
        removedCitations: total.removedCitations + (guideline.citationCheck?.removedCitations ?? 0),
        removedStatements: total.removedStatements + (guideline.citationCheck?.removedStatements ?? 0),
      }),
      { removedCitations: 0, removedStatements: 0 },
    ),
  });
  const input: ReportInput = {
    manifest,
    index: state.index ?? { source: state.source, title: state.source },
    context: state.context!,
    documents: records.map((record) => ({
      record,
      ...optional("document", record.contentHash ? store.get<ExtractedDocument>(record.contentHash) : undefined),
      ...optional("summary", record.summaryHash ? store.get<DocumentSummary>(record.summaryHash) : undefined),
      ...optional("topics", record.topicsHash ? store.get<DocumentTopics>(record.topicsHash) : undefined),
    })),
    topics: state.topics,
    guidelines,
  };
  const written = await writeReport({ outDir, input });
  services.onEvent?.({ type: "stage", stage: "report", phase: "end", count: written.files.length });
  return { output: { outDir: written.outDir, files: written.files.length }, timings: { report: { start, end: services.now() } } };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
