import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkpointBytes, round, startBenchMock, startBenchSite } from "./pipeline.ts";
import { spawnPipelineChild } from "./pipeline-process.ts";
import type { BenchFigures, BenchScenario } from "./scenario.ts";
import { verdict } from "./targets.ts";

const FULL = { sizes: [200, 2_000], latencyMs: 300, concurrency: 16 };
const QUICK = { sizes: [100, 400], latencyMs: 300, concurrency: 16 };
const MAX_RSS_BYTES = 500 * 1024 * 1024;
const MAX_CHECKPOINT_BYTES_PER_DOCUMENT = 4 * 1024;
// Linear growth keeps bytes per document flat; quadratic growth would multiply them by the ratio of the sizes.
const MAX_PER_DOCUMENT_GROWTH = 1.5;

/** Whole runs of a small and a large corpus, each in a child process: completion, peak RSS, checkpoint bytes per document. */
export const scaleScenario: BenchScenario = {
  name: "scale",
  description: `the pipeline on ${FULL.sizes.join(" and ")} documents, each in a child process (mock latency ${FULL.latencyMs} ms, C=${FULL.concurrency}): peak RSS and checkpoint bytes per document`,
  async run({ quick }) {
    const settings = quick ? QUICK : FULL;
    const folder = mkdtempSync(join(tmpdir(), "document-it-bench-"));
    const figures: BenchFigures = {};
    const perDocument: number[] = [];
    let largest = { rss: 0, perDocument: 0, completed: false };
    for (const documents of settings.sizes) {
      const site = await startBenchSite({ documents });
      const mock = await startBenchMock({ latencyMs: settings.latencyMs });
      try {
        const runId = `scale-${documents}`;
        const statePath = join(folder, `${runId}.db`);
        // A run that dies (out of memory, say) is a figure of this scenario, not the end of the bench.
        const report = await spawnPipelineChild({ mode: "start", runId, statePath, run: { source: site.source, baseUrl: mock.baseUrl, folder, concurrency: settings.concurrency } }).finished.catch((error: Error) => {
          figures[`N=${documents} error`] = error.message.slice(0, 300);
          return undefined;
        });
        const bytes = checkpointBytes({ statePath, runId });
        const completed = report?.coverage.analysed === documents;
        perDocument.push(bytes.total / documents);
        largest = { rss: report?.maxRssBytes ?? 0, perDocument: bytes.total / documents, completed };
        Object.assign(figures, {
          [`N=${documents} analysed`]: `${report?.coverage.analysed ?? 0} of ${documents}`,
          [`N=${documents} wall s`]: round((report?.wallMs ?? 0) / 1000, 1),
          [`N=${documents} peak RSS MB`]: round((report?.maxRssBytes ?? 0) / 1024 / 1024, 1),
          [`N=${documents} checkpoint bytes per document (all checkpoints and writes)`]: Math.round(bytes.total / documents),
          [`N=${documents} latest checkpoint bytes per document`]: Math.round(bytes.latest / documents),
        });
      } finally {
        await Promise.all([site.server.close(), mock.close()]);
      }
    }
    rmSync(folder, { recursive: true, force: true });
    const growth = perDocument.at(-1)! / perDocument[0]!;
    const largestSize = settings.sizes.at(-1)!;
    return {
      ...figures,
      [`checkpoint bytes per document, N=${largestSize} / N=${settings.sizes[0]}`]: round(growth),
      [`target N=${largestSize} completes`]: verdict(largest.completed),
      [`target N=${largestSize} peak RSS <= 500 MB`]: verdict(largest.rss > 0 && largest.rss <= MAX_RSS_BYTES),
      [`target N=${largestSize} checkpoints <= 4 KB per document`]: verdict(largest.perDocument <= MAX_CHECKPOINT_BYTES_PER_DOCUMENT),
      [`target checkpoints grow linearly (per-document ratio <= ${MAX_PER_DOCUMENT_GROWTH})`]: verdict(growth <= MAX_PER_DOCUMENT_GROWTH),
    };
  },
};
