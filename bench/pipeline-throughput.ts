import { mkdtempSync, rmSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunResult, startRun } from "../graphs/run.ts";
import { countTokens } from "../src/tokens.ts";
import { type CallFigures, benchRunOptions, round } from "./pipeline.ts";
import type { BenchFigures, BenchScenario } from "./scenario.ts";
import { type ServersProcess, startServersProcess } from "./servers-process.ts";
import { verdict } from "./targets.ts";

const FULL = { documents: 200, latencyMs: 300, concurrency: 16 };
const QUICK = { documents: 40, latencyMs: 300, concurrency: 16 };
// context, then topic ║ summarize, then synthesize: no run can be shorter than three latencies.
const SEQUENTIAL_LLM_STAGES = 3;

/**
 * The whole pipeline against the mock LLM at concurrency 1 and C, each on a fresh state database, then a re-run over
 * the unchanged site on C's database: wall times, speedup, efficiency, calls and input tokens per document.
 */
export const pipelineThroughputScenario: BenchScenario = {
  name: "pipeline-throughput",
  description: `the pipeline on ${FULL.documents} generated documents (1–30 KB), mock LLM latency ${FULL.latencyMs} ms, concurrency 1 then ${FULL.concurrency}, then an unchanged re-run`,
  async run({ quick }) {
    const size = quick ? QUICK : FULL;
    // The site and the mock LLM run in a process of their own: this process is the pipeline's alone.
    const servers = await startServersProcess();
    const folder = mkdtempSync(join(tmpdir(), "document-it-bench-"));
    // The tokenizer loads its rank table once per process; neither measured run should pay for it.
    countTokens("warm up");
    try {
      const site = await servers.startSite(size.documents);
      const run = { servers, source: site.source, documents: site.documents, folder, latencyMs: size.latencyMs };
      const sequential = await measuredRun({ ...run, runId: "sequential", concurrency: 1 });
      const parallel = await measuredRun({ ...run, runId: "parallel", concurrency: size.concurrency });
      const fetchesBefore = (await servers.siteRequests(0)).length;
      const rerun = await measuredRun({ ...run, runId: "rerun", concurrency: size.concurrency, statePath: join(folder, "parallel.db") });
      const refetches = await servers.siteRequests(fetchesBefore);

      const calls = parallel.calls;
      const lowerBoundMs = Math.max((calls.calls * size.latencyMs) / size.concurrency, SEQUENTIAL_LLM_STAGES * size.latencyMs);
      // The stages wait for each other (context, then topic ║ summarize with relate's call among them, then
      // synthesize): each is whole waves of C calls, so the run cannot be shorter than its stages' waves.
      const wavesBoundMs = stageWaves(calls.byQuestion, size.concurrency) * size.latencyMs;
      const speedup = sequential.wallMs / parallel.wallMs;
      const efficiency = lowerBoundMs / parallel.wallMs;
      const analysisCalls = (calls.byQuestion["summarize"] ?? 0) + (calls.byQuestion["topic"] ?? 0);
      const perDocument = (value: number) => value / size.documents;
      const ownTokens = site.documentTokens;
      const inputRatio = calls.inputTokens / ownTokens;
      const uncachedRatio = (calls.inputTokens - calls.cachedInputTokens) / ownTokens;
      const conditional = refetches.filter((request) => request.conditional).length;
      const rerunShare = rerun.wallMs / parallel.wallMs;
      const figures: BenchFigures = {
        documents: size.documents,
        "own tokens per document": Math.round(perDocument(ownTokens)),
        "latency ms": size.latencyMs,
        concurrency: size.concurrency,
        "wall s at C=1": round(sequential.wallMs / 1000),
        [`wall s at C=${size.concurrency}`]: round(parallel.wallMs / 1000),
        [`CPU s of the pipeline's process at C=${size.concurrency}`]: round(parallel.cpuMs / 1000),
        [`stage ms at C=${size.concurrency}`]: stageTimings(parallel.result),
        speedup: round(speedup),
        "lower bound s": round(lowerBoundMs / 1000),
        efficiency: round(efficiency),
        "stage waves bound s (whole waves of C per sequential LLM stage)": round(wavesBoundMs / 1000),
        "efficiency against the stage waves bound": round(wavesBoundMs / parallel.wallMs),
        "LLM calls": calls.calls,
        "calls by question": Object.entries(calls.byQuestion).map(([question, count]) => `${question} ${count}`).join(", "),
        "LLM calls per document": round(perDocument(calls.calls)),
        "summarize+topic calls per document": round(perDocument(analysisCalls)),
        "input tokens per document": Math.round(perDocument(calls.inputTokens)),
        "input tokens / own tokens": round(inputRatio),
        "uncached input tokens / own tokens": round(uncachedRatio),
        "summarize+topic input / own tokens": round(calls.analysisInputTokens / ownTokens),
        "summarize+topic uncached input / own tokens": round((calls.analysisInputTokens - calls.analysisCachedInputTokens) / ownTokens),
        "re-run LLM calls": rerun.calls.calls,
        "re-run fetches": refetches.length,
        "re-run conditional fetches": conditional,
        "re-run 304 answers": refetches.filter((request) => request.status === 304).length,
        "re-run wall s": round(rerun.wallMs / 1000),
        "re-run wall / first run": round(rerunShare),
        "target speedup >= 12": verdict(speedup >= 12),
        "target efficiency >= 0.8": verdict(efficiency >= 0.8),
        "target summarize+topic calls/doc <= 0.5": verdict(perDocument(analysisCalls) <= 0.5),
        "target input tokens/doc <= 1.3x own": verdict(inputRatio <= 1.3, `uncached ${verdict(uncachedRatio <= 1.3)}`),
        "target re-run: 0 calls, all conditional, wall <= 10%": verdict(rerun.calls.calls === 0 && conditional === refetches.length && rerunShare <= 0.1),
      };
      return figures;
    } finally {
      servers.close();
      rmSync(folder, { recursive: true, force: true });
    }
  },
};

// A run with its own mock LLM, so its prompts meet no prefix cached by an earlier run.
async function measuredRun(options: { servers: ServersProcess; source: string; documents: number; folder: string; latencyMs: number; runId: string; concurrency: number; statePath?: string }): Promise<{ wallMs: number; cpuMs: number; result: RunResult; calls: CallFigures }> {
  const { servers, source, documents, latencyMs, ...rest } = options;
  const mock = await servers.startMock(latencyMs);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const outcome = await startRun(benchRunOptions({ source, baseUrl: mock.baseUrl, ...rest })).then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const calls = await servers.closeMock(mock.id);
  if ("error" in outcome) throw outcome.error;
  const { result } = outcome;
  // A run that lost documents would look fast; its figures only count when every document was analysed.
  if (result.coverage.analysed !== documents) throw new Error(`run ${options.runId} analysed ${result.coverage.analysed} of ${documents} documents`);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, result, calls };
}

// Where the wall time went, from the run's own manifest: milliseconds per stage.
function stageTimings(result: RunResult): string {
  const manifest = JSON.parse(readFileSync(join(result.outDir, "run.json"), "utf8")) as { timings?: Record<string, number> };
  return Object.entries(manifest.timings ?? {}).map(([stage, milliseconds]) => `${stage} ${milliseconds}`).join(", ");
}

// Waves of `concurrency` calls each LLM stage needs, summed over the stages that wait for one another.
function stageWaves(byQuestion: Record<string, number>, concurrency: number): number {
  // relate's synonym question goes out once the topic answers are in, while the last summaries are asked.
  const stages = [["context"], ["summarize", "topic", "relate"], ["synthesize"]];
  return stages.reduce((waves, questions) => waves + Math.ceil(questions.reduce((sum, question) => sum + (byQuestion[question] ?? 0), 0) / concurrency), 0);
}
