import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { countCoverage } from "../src/manifest.ts";
import { type RunRecord, createRunRegistry } from "../src/runs.ts";
import type { DocumentRecord } from "../src/types.ts";
import { type Configuration, ensureConfiguration } from "./configuration.ts";
import { createDatabase } from "./database-cache.ts";
import { compileGraph } from "./compile.ts";
import { PruningSqliteSaver } from "./pruning-checkpointer.ts";
import { type Services, buildServices } from "./services.ts";
import { retryFailedChanges } from "./retry-failed.ts";
import { readRunCost } from "./run-cost.ts";
import { createRunCostGuard, costLimitOutcome } from "./cost-limit.ts";
import type { RunCost } from "../src/prices/run-cost.ts";
import { isCostLimitReason } from "../src/prices/cost-guard.ts";
import type { State } from "./state.ts";

/** Options of startRun. */
export interface StartRunOptions extends Partial<Configuration> {
  source: string;
  maxDocs?: number;
  /** Defaults to a new time-ordered id. */
  runId?: string;
  /** Replaces default services (analyser, fetch, onEvent…), e.g. in tests. */
  services?: Partial<Services>;
  /** Interrupts the run (Ctrl-C): work in flight is dropped, finished work stays checkpointed for `resume`. */
  signal?: AbortSignal;
}

/** What a finished run reports. */
export interface RunResult {
  runId: string;
  outDir: string;
  coverage: { total: number; analysed: number; failed: number; skipped: number };
  failedDocuments: Array<Pick<DocumentRecord, "id" | "url" | "title" | "failure">>;
  failedTopics: Array<{ id: string; reason: string }>;
  /** LLM calls and tokens per question, over every process of the run (absent without LLM calls). */
  usage?: Record<string, { calls: number; inputTokens: number; outputTokens: number; cachedInputTokens: number }>;
  /** Their cost by the price table. */
  cost?: RunCost;
  /** Set when --max-cost stopped LLM work: documents and topics it left are failed with a "cost limit reached" reason. */
  costLimit?: { maxCostUsd: number; reason: string };
}

/** A new run id: UTC time then 6 random hex characters, so ids sort by start time. */
export function createRunId(now = new Date()): string {
  return `${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}-${randomBytes(3).toString("hex")}`;
}

/** Starts a run: registers it, then runs the graph with thread id = run id, checkpointing to SQLite. */
export async function startRun(options: StartRunOptions): Promise<RunResult> {
  const runId = options.runId ?? createRunId();
  const isUrl = /^https?:\/\//i.test(options.source);
  const source = isUrl ? options.source : resolve(options.source);
  const { services: _services, source: _source, runId: _runId, signal, maxDocs, ...rest } = options;
  const configuration = ensureConfiguration({ ...rest, statePath: resolve(options.statePath ?? ".document-it/state.db"), outDir: resolve(options.outDir ?? `output/${runId}`) });
  const registry = createRunRegistry({ database: createDatabase(configuration.statePath) });
  registry.create({ runId, source, outDir: configuration.outDir!, options: { ...configuration, ...(maxDocs ? { maxDocs } : {}) } });
  return execute({ runId, configuration, input: { source, ...(maxDocs ? { maxDocs } : {}) }, overrides: options.services, ...(signal ? { signal } : {}) });
}

/** Continues a run from its last checkpoint; finished work is not redone. */
export async function resumeRun(options: { runId: string; statePath?: string; services?: Partial<Services>; retryFailed?: boolean; maxCostUsd?: number; signal?: AbortSignal }): Promise<RunResult> {
  const statePath = resolve(options.statePath ?? ".document-it/state.db");
  const record = createRunRegistry({ database: createDatabase(statePath) }).get(options.runId);
  // A new --max-cost replaces the run's, and what the old cap left undone is tried again under it.
  const configuration = ensureConfiguration({ ...record.options, statePath, ...(options.maxCostUsd ? { maxCostUsd: options.maxCostUsd } : {}) });
  const maxDocs = typeof record.options["maxDocs"] === "number" ? record.options["maxDocs"] : undefined;
  return execute({ runId: record.runId, configuration, input: { source: record.source, ...(maxDocs ? { maxDocs } : {}) }, overrides: options.services, resume: true, retryFailed: options.retryFailed ?? false, retryCostLimited: options.maxCostUsd !== undefined, ...(options.signal ? { signal: options.signal } : {}) });
}

/** Every run in the state file, newest first. */
export function listRuns(options: { statePath?: string }): RunRecord[] {
  return createRunRegistry({ database: createDatabase(resolve(options.statePath ?? ".document-it/state.db")) }).list();
}

async function execute(options: {
  runId: string;
  configuration: Configuration;
  input: { source: string; maxDocs?: number };
  overrides?: Partial<Services>;
  resume?: boolean;
  retryFailed?: boolean;
  retryCostLimited?: boolean;
  signal?: AbortSignal;
}): Promise<RunResult> {
  const { runId, configuration } = options;
  const database = createDatabase(configuration.statePath);
  const registry = createRunRegistry({ database });
  const costGuard = createRunCostGuard({ runId, configuration, database, overrides: options.overrides });
  const services = buildServices(configuration, { ...options.overrides, ...(costGuard ? { costGuard } : {}) });
  // Injected services may outlive a run: an endpoint a rejected key stopped before is tried again by this one.
  services.llmLimiters?.reopenStopped();
  const app = compileGraph({ checkpointer: new PruningSqliteSaver(database) });
  // Services ride along in the context: not checkpointed, and absent under `langgraph dev`, where nodes build their own.
  const context = { ...configuration, services } as Configuration & { services: Services };
  // Tags and metadata name the run in LangSmith traces (when LANGSMITH_TRACING is set); every child run inherits them.
  const config = { configurable: { thread_id: runId }, context: context as never, durability: "sync" as const, ...(options.signal ? { signal: options.signal } : {}), tags: [`run:${runId}`], metadata: { document_it_run_id: runId } };
  try {
    // A resumed run whose first step never finished has no checkpoint: start it again from its input.
    let snapshot = options.resume ? await app.getState(config) : undefined;
    const hasCheckpoint = snapshot !== undefined && Object.keys(snapshot.values ?? {}).length > 0;
    const retry = !hasCheckpoint
      ? undefined
      : options.retryFailed
        ? retryFailedChanges(snapshot!.values as State)
        : options.retryCostLimited
          ? retryFailedChanges(snapshot!.values as State, { only: isCostLimitReason })
          : undefined;
    if (retry) {
      // As if discover had just written them: its edge sends the failed documents to extract, and the run goes on from there.
      await app.updateState(config, { documents: retry }, "discover");
      snapshot = await app.getState(config);
    }
    const finished = hasCheckpoint && snapshot!.next.length === 0;
    const state = (finished ? snapshot!.values : await app.invoke(hasCheckpoint ? null : options.input, config)) as State;
    const usage = services.usageLedger?.totals(runId);
    const cost = readRunCost({ runId, state, services });
    const costLimit = costLimitOutcome({ configuration, costGuard, state });
    const result: RunResult = { ...summarizeResult(runId, configuration, state), ...(usage && Object.keys(usage).length > 0 ? { usage } : {}), ...(cost ? { cost } : {}), ...(costLimit ? { costLimit } : {}) };
    const failures = result.coverage.failed > 0 || result.failedTopics.length > 0;
    registry.update(runId, { status: costLimit ? "stopped-at-cost-limit" : failures ? "completed-with-failures" : "completed", coverage: result.coverage, ...(costLimit ? { message: costLimit.reason } : {}) });
    return result;
  } catch (error) {
    if (options.signal?.aborted) {
      registry.update(runId, { status: "interrupted", message: `interrupted; \`document-it resume ${runId}\` continues it` });
      throw new RunInterruptedError(runId);
    }
    registry.update(runId, { status: "failed", message: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

function summarizeResult(runId: string, configuration: Configuration, state: State): RunResult {
  const records = state.entries.map((entry) => state.documents[entry.id]).filter((record): record is DocumentRecord => record !== undefined);
  const failed = records.filter((record) => record.status === "failed");
  return {
    runId,
    outDir: state.output?.outDir ?? configuration.outDir ?? "",
    coverage: countCoverage(records),
    failedDocuments: failed.map(({ id, url, title, failure }) => ({ id, url, title, ...(failure ? { failure } : {}) })),
    // Only the run's topics: a topic a retry no longer finds keeps its old outcome in state.
    failedTopics: Object.entries(state.guidelines)
      .filter(([id, outcome]) => "failure" in outcome && state.topics.some((topic) => topic.id === id))
      .map(([id, outcome]) => ({ id, reason: (outcome as { failure: string }).failure })),
  };
}

/** A run stopped by its signal (Ctrl-C): what finished is checkpointed, and `resume` goes on from there. */
export class RunInterruptedError extends Error {
  override readonly name = "RunInterruptedError";
  constructor(readonly runId: string) {
    super(`run ${runId} interrupted; what finished is kept: \`document-it resume ${runId}\` continues it`);
  }
}
