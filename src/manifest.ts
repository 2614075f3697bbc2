import type { DocumentRecord, RecordedStage, RunManifest, StageTimings, Topic } from "./types.ts";
import { isCostLimitReason } from "./prices/cost-guard.ts";
import { VERSION } from "./version.ts";

/** Version of run.json's shape. */
export const MANIFEST_SCHEMA_VERSION = 1;

// Names of configuration keys that could hold a secret; never written out.
// Whole-word matches on camelCase or snake_case parts, so "batchTokens" stays while "apiKey" and "token" go.
const SECRET_KEY = /(^|[_-]|[a-z](?=[A-Z]))(api[_-]?key|key|token|access[_-]?token|secret|password|authorization|credentials?)$/i;

/** Drops functions, objects that are services, and anything whose name suggests a secret. */
export function publicConfig(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).filter(([key, value]) => !SECRET_KEY.test(key) && key !== "services" && (value === null || ["string", "number", "boolean"].includes(typeof value))),
  );
}

/** Coverage of a run's documents: analysed, failed, and skipped (everything that is neither). */
export function countCoverage(records: DocumentRecord[]): RunManifest["coverage"] {
  const analysed = records.filter((record) => record.status === "analysed").length;
  const failed = records.filter((record) => record.status === "failed").length;
  return { total: records.length, analysed, failed, skipped: records.length - analysed - failed };
}

/** Options of buildManifest. */
export interface BuildManifestOptions {
  runId: string;
  source: string;
  provider: string;
  model: string;
  extractive: boolean;
  config: Record<string, unknown>;
  /** Records in index order. */
  records: DocumentRecord[];
  topics: Topic[];
  /** Topic id → failure reason for topics whose synthesis failed. */
  topicFailures: Record<string, string>;
  spans: Partial<Record<RecordedStage, { start: number; end: number }>>;
  now: number;
  usage?: RunManifest["usage"];
  cost?: RunManifest["cost"];
  citations?: RunManifest["citations"];
  promptVersions?: RunManifest["promptVersions"];
}

/** The run manifest (run.json): coverage, per-document status and reason, per-stage timings; no secrets. */
export function buildManifest(options: BuildManifestOptions): RunManifest {
  const coverage = countCoverage(options.records);
  const starts = Object.values(options.spans).map((span) => span.start);
  const startedAt = starts.length > 0 ? Math.min(...starts) : options.now;
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    runId: options.runId,
    version: VERSION,
    source: options.source,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(options.now).toISOString(),
    status: manifestStatus(options.records, options.topicFailures),
    provider: options.provider,
    model: options.model,
    extractive: options.extractive,
    config: publicConfig(options.config),
    coverage,
    documents: options.records.map((record) => ({
      id: record.id,
      url: record.url,
      title: record.title,
      slug: record.slug,
      status: record.status,
      ...(record.tokens !== undefined ? { tokens: record.tokens } : {}),
      ...(record.contentHash ? { contentHash: record.contentHash } : {}),
      ...(record.failure ? { failure: record.failure } : {}),
      ...(options.cost?.byDocument[record.id] !== undefined ? { costUsd: options.cost.byDocument[record.id] } : {}),
    })),
    topics: options.topics.map((topic) => ({
      id: topic.id,
      name: topic.name,
      documentCount: topic.documentIds.length,
      status: options.topicFailures[topic.id] ? "failed" : "synthesized",
      ...(options.topicFailures[topic.id] ? { failure: options.topicFailures[topic.id] } : {}),
    })),
    timings: stageTimings(options.spans),
    ...(options.usage && Object.keys(options.usage).length > 0 ? { usage: options.usage } : {}),
    ...(options.cost && options.cost.byNode && Object.keys(options.cost.byNode).length > 0 ? { cost: options.cost } : {}),
    ...(options.citations ? { citations: options.citations } : {}),
    ...(options.promptVersions ? { promptVersions: { ...options.promptVersions } } : {}),
  };
}

/** Recorded spans as durations, plus the fanned-out stages measured between the nodes around them. */
export function stageTimings(spans: BuildManifestOptions["spans"]): StageTimings {
  const timings: StageTimings = Object.fromEntries(Object.entries(spans).map(([stage, span]) => [stage, span.end - span.start]));
  const between = (before: RecordedStage, after: RecordedStage) => {
    const from = spans[before]?.end;
    const to = spans[after]?.start;
    return from !== undefined && to !== undefined ? Math.max(0, to - from) : undefined;
  };
  const extract = between("discover", "planBatches");
  const analyse = between("planBatches", "relate");
  const synthesize = between("relate", "report");
  if (extract !== undefined) timings.extract = extract;
  if (analyse !== undefined) timings.analyse = analyse;
  if (synthesize !== undefined) timings.synthesize = synthesize;
  return timings;
}

// The same words as `document-it runs`: a run --max-cost stopped is not a run that failed, it is one to resume.
function manifestStatus(records: readonly DocumentRecord[], topicFailures: Record<string, string>): RunManifest["status"] {
  const failed = records.filter((record) => record.status === "failed");
  const reasons = [...failed.map((record) => record.failure?.reason ?? ""), ...Object.values(topicFailures)];
  if (reasons.some((reason) => isCostLimitReason(reason))) return "stopped-at-cost-limit";
  return reasons.length > 0 ? "completed-with-failures" : "completed";
}
