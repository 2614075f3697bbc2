import type { Runtime } from "@langchain/langgraph";
import { join } from "node:path";
import { buildManifest } from "../../src/manifest.ts";
import { writeReport } from "../../src/report/index.ts";
import { readGuidelines, readRecords, readReportInput } from "../report-input.ts";
import { readRunCost } from "../run-cost.ts";
import { resolveRuntime } from "../services.ts";
import type { State, Update } from "../state.ts";

/** Renders every output from state and the content store into the run's output folder; no analyser call. */
export async function report(state: State, runtime: Runtime & { configurable?: Record<string, unknown> }): Promise<Update> {
  const { configuration, services } = resolveRuntime(runtime);
  const { store, analyser } = services;
  const start = services.now();
  const runId = String(runtime.configurable?.["thread_id"] ?? "unnamed-run");
  const outDir = configuration.outDir ?? join("output", runId);
  const records = readRecords(state);
  const { guidelines, topicFailures } = readGuidelines({ state, store });
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
    // Every process of the run (a killed one too) when the ledger has it; else this process's own count.
    ...(services.usageLedger ? { usage: services.usageLedger.totals(runId) } : services.usage ? { usage: services.usage } : {}),
    ...optionalCost(readRunCost({ runId, state, services })),
    citations: guidelines.reduce(
      (total, guideline) => ({
        removedCitations: total.removedCitations + (guideline.citationCheck?.removedCitations ?? 0),
        removedStatements: total.removedStatements + (guideline.citationCheck?.removedStatements ?? 0),
      }),
      { removedCitations: 0, removedStatements: 0 },
    ),
    ...(analyser.answerVersions ? { promptVersions: analyser.answerVersions } : {}),
  });
  // Stored, so `document-it report` renders this run again exactly as it was, without its analyser; as text, because
  // the store sorts an object's keys and run.json keeps the manifest's own order.
  const manifestHash = store.put(JSON.stringify(manifest));
  const input = readReportInput({ state, store, manifest, guidelines });
  const written = await writeReport({ outDir, input, agentsBudget: configuration.agentsBudget, ...(configuration.publishUrl ? { publishUrl: configuration.publishUrl } : {}) });
  services.onEvent?.({ type: "stage", stage: "report", phase: "end", count: written.files.length });
  return { output: { outDir: written.outDir, files: written.files.length, manifestHash }, timings: { report: { start, end: services.now() } } };
}

function optionalCost(cost: ReturnType<typeof readRunCost>) {
  return cost ? { cost } : {};
}
