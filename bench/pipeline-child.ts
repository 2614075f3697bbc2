// One pipeline run in its own process, so the parent can read its peak memory or SIGKILL it. Argument: the JSON of a
// ChildRunRequest. Last stdout line: the JSON of a ChildRunReport.
import { setMaxListeners } from "node:events";
import { resumeRun, startRun } from "../graphs/run.ts";
import { limitHeapGrowth } from "../src/heap-growth.ts";
import type { ChildRunReport, ChildRunRequest } from "./pipeline-process.ts";
import { benchRunOptions } from "./pipeline.ts";

setMaxListeners(1000);
// As the CLI does: the measured process is a run's own process.
limitHeapGrowth();
const request = JSON.parse(process.argv[2]!) as ChildRunRequest;
const started = performance.now();
const result =
  request.mode === "resume"
    ? await resumeRun({ runId: request.runId, statePath: request.statePath, services: { onEvent: () => undefined } })
    : await startRun(benchRunOptions({ ...request.run, statePath: request.statePath, runId: request.runId }));
const report: ChildRunReport = { wallMs: performance.now() - started, maxRssBytes: process.resourceUsage().maxRSS * 1024, coverage: result.coverage };
process.stdout.write(`${JSON.stringify(report)}\n`);
