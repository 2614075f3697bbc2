/** `document-it report`: renders a finished run's outputs again from its checkpoint and the content store, with no analyser. */
import { resolve } from "node:path";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { DocumentItError } from "../src/errors.ts";
import { writeReport } from "../src/report/index.ts";
import { createRunRegistry } from "../src/runs.ts";
import { createContentStore } from "../src/store.ts";
import type { RunManifest } from "../src/types.ts";
import { compileGraph } from "./compile.ts";
import { ensureConfiguration } from "./configuration.ts";
import { createDatabase } from "./database-cache.ts";
import { readGuidelines, readReportInput } from "./report-input.ts";
import type { State } from "./state.ts";

/** Options of reportRun; unset ones come from the run's own options. */
export interface ReportRunOptions {
  runId: string;
  statePath?: string;
  /** Default: the run's output folder. */
  outDir?: string;
  agentsBudget?: number;
  publishUrl?: string;
}

/**
 * Writes every output of a run again from its last checkpoint and the stored analyses and manifest. Builds no
 * analyser, so it makes no LLM call; throws RUN_NOT_FOUND for an unknown id and USAGE for a run without a report yet.
 */
export async function reportRun(options: ReportRunOptions): Promise<{ runId: string; outDir: string; files: string[] }> {
  const statePath = resolve(options.statePath ?? ".document-it/state.db");
  const database = createDatabase(statePath);
  const record = createRunRegistry({ database }).get(options.runId);
  const configuration = ensureConfiguration({ ...record.options, statePath });
  const app = compileGraph({ checkpointer: new SqliteSaver(database) });
  const snapshot = await app.getState({ configurable: { thread_id: record.runId } });
  const state = snapshot.values as State;
  const store = createContentStore({ database });
  const manifestHash = state.output?.manifestHash;
  const manifestText = manifestHash === undefined ? undefined : store.get<string>(manifestHash);
  if (manifestText === undefined) {
    throw new DocumentItError("USAGE", `run "${record.runId}" has not written its report yet (status ${record.status}); finish it first with: document-it resume ${record.runId}`);
  }
  const { guidelines } = readGuidelines({ state, store });
  const publishUrl = options.publishUrl ?? configuration.publishUrl;
  const written = await writeReport({
    outDir: resolve(options.outDir ?? record.outDir),
    input: readReportInput({ state, store, manifest: JSON.parse(manifestText) as RunManifest, guidelines }),
    agentsBudget: options.agentsBudget ?? configuration.agentsBudget,
    ...(publishUrl === undefined ? {} : { publishUrl }),
  });
  return { runId: record.runId, ...written };
}
