import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readPromptFacts } from "../test/helpers/mock-openai-answers.ts";
import type { MockOpenAIServer, RecordedRequest } from "../test/helpers/mock-openai-server.ts";
import { callFigures, questionOf, round, startBenchMock, startBenchSite } from "./pipeline.ts";
import { type ChildRunReport, spawnPipelineChild } from "./pipeline-process.ts";
import type { BenchScenario } from "./scenario.ts";
import { verdict } from "./targets.ts";

const FULL = { documents: 200, latencyMs: 300, concurrency: 16 };
const QUICK = { documents: 40, latencyMs: 300, concurrency: 16 };
// summarize and topic of one batch.
const ONE_BATCH_CALLS = 2;
// The kill waits this long after the last answer: answers a process is still reading when it dies cannot be kept.
const QUIET_MS = 100;

/**
 * An uninterrupted run gives the total LLM work; a second run on a fresh database is SIGKILLed once about half of
 * that work was answered, then resumed: the resume should ask only for what was not answered before the kill.
 */
export const resumeScenario: BenchScenario = {
  name: "resume",
  description: `the pipeline on ${FULL.documents} documents in a child process, SIGKILL once half the LLM calls were answered (${QUIET_MS} ms after the last answer, while it waits on the endpoint), then resume (mock latency ${FULL.latencyMs} ms, C=${FULL.concurrency})`,
  async run({ quick }) {
    const size = quick ? QUICK : FULL;
    const site = await startBenchSite({ documents: size.documents });
    const mock = await startBenchMock({ latencyMs: size.latencyMs });
    const folder = mkdtempSync(join(tmpdir(), "document-it-bench-"));
    const run = { source: site.source, baseUrl: mock.baseUrl, folder, concurrency: size.concurrency };
    const complete = (report: ChildRunReport | undefined, what: string) => {
      if (report?.coverage.analysed !== size.documents) throw new Error(`${what} analysed ${report?.coverage.analysed ?? "nothing"} of ${size.documents} documents`);
      return report;
    };
    try {
      complete(await spawnPipelineChild({ mode: "start", runId: "whole", statePath: join(folder, "whole.db"), run }).finished, "the uninterrupted run");
      const total = callFigures(mock.requests).calls;

      const killedFrom = mock.requests.length;
      const killed = spawnPipelineChild({ mode: "start", runId: "killed", statePath: join(folder, "killed.db"), run });
      await waitUntil(() => answered(mock, killedFrom) >= total / 2 || killed.process.exitCode !== null);
      // The mock answers a wave of calls at once; the kill comes once the client has read them and waits on the next.
      await waitUntil(() => Date.now() - lastAnswerAt(mock, killedFrom) >= QUIET_MS || killed.process.exitCode !== null);
      killed.process.kill("SIGKILL");
      const killedAt = Date.now();
      // Statuses now, before the mock answers the requests in flight into closed sockets.
      const beforeKill = mock.requests.slice(killedFrom).map((request) => ({ key: callKey(request), status: request.status, answeredAt: request.receivedAt + size.latencyMs }));
      const answeredBeforeKill = beforeKill.filter((request) => request.status === 200).length;
      const inFlightAtKill = beforeKill.filter((request) => request.status === 0).length;
      if ((await killed.finished) !== undefined) throw new Error("the run finished before it could be killed half-way");
      await new Promise((resolve) => setTimeout(resolve, size.latencyMs + 100));

      const resumedFrom = mock.requests.length;
      const resumed = complete(await spawnPipelineChild({ mode: "resume", runId: "killed", statePath: join(folder, "killed.db"), run }).finished, "the resumed run");
      const resumeCalls = callFigures(mock.requests.slice(resumedFrom)).calls;
      const remaining = total - answeredBeforeKill;
      // Calls answered before the kill yet asked again: answers still in transit (or unprocessed) when the process died.
      const askedAgain = new Set(mock.requests.slice(resumedFrom).filter((request) => request.status === 200).map(callKey));
      const repeated = beforeKill.filter((request) => request.status === 200 && askedAgain.has(request.key));
      const oldestRepeat = Math.max(0, ...repeated.map((request) => killedAt - request.answeredAt));
      return {
        documents: size.documents,
        "calls of an uninterrupted run": total,
        "answered before SIGKILL": answeredBeforeKill,
        "in flight at SIGKILL": inFlightAtKill,
        "remaining work (calls)": remaining,
        "calls on resume": resumeCalls,
        "calls on resume over remaining": resumeCalls - remaining,
        "answered before SIGKILL, asked again": repeated.length,
        "oldest of those, s before SIGKILL": round(oldestRepeat / 1000),
        "resume wall s": round(resumed.wallMs / 1000),
        [`target resume calls <= remaining + ${ONE_BATCH_CALLS}`]: verdict(resumeCalls <= remaining + ONE_BATCH_CALLS),
      };
    } finally {
      await Promise.all([site.server.close(), mock.close()]);
      rmSync(folder, { recursive: true, force: true });
    }
  },
};

// Which question about which documents: the same call in two runs has the same key.
function callKey(request: RecordedRequest): string {
  return `${questionOf(request)}:${readPromptFacts(request.body?.messages ?? []).documents.map((document) => document.id).join(",")}`;
}

function answered(mock: MockOpenAIServer, from: number): number {
  return callFigures(mock.requests.slice(from)).calls;
}

// Epoch milliseconds of the last answer the mock sent since `from`.
function lastAnswerAt(mock: MockOpenAIServer, from: number): number {
  return Math.max(0, ...mock.requests.slice(from).map((request) => request.respondedAt ?? 0));
}

async function waitUntil(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}
