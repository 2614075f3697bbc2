// A run in its own process, for kill-and-resume tests: every analyser call is logged to a file as it starts and
// ends, and from call number BLOCK_AT on, calls never answer (the process waits to be killed).
import { appendFileSync } from "node:fs";
import { resumeRun, startRun } from "../../graphs/run.ts";
import { createLocalAnalyser } from "../../src/local/index.ts";
import type { Analyser } from "../../src/types.ts";

const [mode, statePath, runId, logFile, source, outDir] = process.argv.slice(2) as [string, string, string, string, string?, string?];
const blockAt = Number(process.env["BLOCK_AT"] ?? "0");
const inner = createLocalAnalyser();
let calls = 0;

async function logged<T>(question: string, ids: string[], answer: () => Promise<T>): Promise<T> {
  calls += 1;
  appendFileSync(logFile, `${JSON.stringify({ pid: process.pid, event: "start", question, ids })}\n`);
  if (blockAt > 0 && calls >= blockAt) {
    appendFileSync(logFile, `${JSON.stringify({ pid: process.pid, event: "blocked", question, ids })}\n`);
    // A timer keeps the event loop alive: a bare never-settling promise would let Node exit (code 13).
    await new Promise(() => setInterval(() => undefined, 1_000));
  }
  const result = await answer();
  appendFileSync(logFile, `${JSON.stringify({ pid: process.pid, event: "end", question, ids })}\n`);
  return result;
}

const analyser: Analyser = {
  provider: inner.provider,
  model: inner.model,
  extractive: inner.extractive,
  summarize: (input) => logged("summarize", input.documents.map((document) => document.id), () => inner.summarize(input)),
  topics: (input) => logged("topics", input.documents.map((document) => document.id), () => inner.topics(input)),
  synthesize: (input) => logged("synthesize", [input.topic.id], () => inner.synthesize(input)),
};

const services = { analyser, onEvent: () => undefined };
const result =
  mode === "resume"
    ? await resumeRun({ runId, statePath, services })
    : await startRun({ source: source!, outDir: outDir!, statePath, runId, concurrency: 2, maxBatchDocuments: 3, services });
appendFileSync(logFile, `${JSON.stringify({ pid: process.pid, event: "finished", coverage: result.coverage })}\n`);
