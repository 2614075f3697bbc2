import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRun } from "../graphs/run.ts";
import { benchRunOptions, questionOf, round, startBenchMock, startBenchSite } from "./pipeline.ts";
import type { BenchScenario } from "./scenario.ts";
import { verdict } from "./targets.ts";

// Two documents per batch make two calls per two documents, so a few hundred small documents keep the limit busy for minutes.
const FULL = { documents: 300, requestsPerMinute: 120, latencyMs: 300, concurrency: 16, maxBatchDocuments: 2 };
const QUICK = { documents: 60, requestsPerMinute: 120, latencyMs: 300, concurrency: 16, maxBatchDocuments: 2 };
const MINUTE = 60_000;

/**
 * The mock refuses over R requests in any minute (429 with retry-after); the run is told R (`requestsPerMinute`)
 * and has far more work than R allows: refusals after the first minute, and answered requests per minute.
 */
export const rateLimitScenario: BenchScenario = {
  name: "rate-limit",
  description: `the pipeline on ${FULL.documents} small documents (${FULL.maxBatchDocuments} per batch) against a mock limited to ${FULL.requestsPerMinute} requests/minute, run with requestsPerMinute ${FULL.requestsPerMinute}, C=${FULL.concurrency}`,
  async run({ quick }) {
    const size = quick ? QUICK : FULL;
    const site = await startBenchSite({ documents: size.documents, medianBytes: 2_000 });
    const mock = await startBenchMock({ latencyMs: size.latencyMs, limits: { requestsPerMinute: size.requestsPerMinute } });
    const folder = mkdtempSync(join(tmpdir(), "document-it-bench-"));
    try {
      const started = Date.now();
      const result = await startRun(
        benchRunOptions({ source: site.source, baseUrl: mock.baseUrl, folder, runId: "limited", concurrency: size.concurrency, requestsPerMinute: size.requestsPerMinute, maxBatchDocuments: size.maxBatchDocuments }),
      );
      const wallMs = Date.now() - started;
      if (result.coverage.analysed !== size.documents) throw new Error(`the limited run analysed ${result.coverage.analysed} of ${size.documents} documents`);
      const completions = mock.completions();
      const first = completions[0]!.receivedAt;
      const answered = completions.filter((request) => request.status === 200);
      const refused = completions.filter((request) => request.status === 429);
      const refusedLater = refused.filter((request) => request.receivedAt >= first + MINUTE).length;
      // The steady state: from the end of the first minute to the last answer of the analysis stage, where work always waits.
      const analysisEnd = Math.max(...answered.filter((request) => ["summarize", "topic"].includes(questionOf(request))).map((request) => request.receivedAt));
      const steadyMs = analysisEnd - (first + MINUTE);
      const steadyAnswers = answered.filter((request) => request.receivedAt > first + MINUTE && request.receivedAt <= analysisEnd).length;
      const steadyRate = steadyMs > 0 ? (steadyAnswers / steadyMs) * MINUTE : Number.NaN;
      const overallRate = (answered.length / (Math.max(...answered.map((request) => request.receivedAt)) - first)) * MINUTE;
      const longEnough = steadyMs >= MINUTE / 2;
      return {
        documents: size.documents,
        "limit (requests/minute)": size.requestsPerMinute,
        "LLM calls answered": answered.length,
        "wall s": round(wallMs / 1000, 1),
        "refused (429) in the first minute": refused.length - refusedLater,
        "refused (429) after the first minute": refusedLater,
        "answered per minute, whole run": round(overallRate, 1),
        "steady state s (after minute 1, to the last analysis answer)": round(Math.max(0, steadyMs) / 1000, 1),
        "answered per minute, steady state": Number.isNaN(steadyRate) ? "n/a (run too short)" : round(steadyRate, 1),
        "steady state / limit": Number.isNaN(steadyRate) ? "n/a" : round(steadyRate / size.requestsPerMinute),
        "target no 429 after the first minute": verdict(refusedLater === 0),
        "target throughput >= 90% of the limit": longEnough ? verdict(steadyRate >= 0.9 * size.requestsPerMinute) : "n/a (steady state under 30 s)",
      };
    } finally {
      await Promise.all([site.server.close(), mock.close()]);
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
