import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { startRun } from "../../graphs/run.ts";
import { writeCorpus } from "../helpers/corpus.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";

function checkpointBytes(statePath: string): number {
  const database = new Database(statePath, { readonly: true });
  try {
    const checkpoints = database.prepare("SELECT COALESCE(SUM(LENGTH(checkpoint) + LENGTH(metadata)), 0) AS bytes FROM checkpoints").get() as { bytes: number };
    const writes = database.prepare("SELECT COALESCE(SUM(LENGTH(value)), 0) AS bytes FROM writes").get() as { bytes: number };
    return checkpoints.bytes + writes.bytes;
  } finally {
    database.close();
  }
}

async function runCorpus(bytes: number): Promise<{ checkpoint: number; analysed: number }> {
  const folder = temporaryFolder();
  writeCorpus({ folder: join(folder, "docs"), documents: 20, bytes });
  const statePath = join(folder, "state.db");
  // A budget both corpora fit the same batch plan in, so the two differ by their text alone (documents over the
  // budget are split into parts, one batch each: test/graph/split-document.test.ts checks those hold no text).
  const result = await startRun({ source: join(folder, "docs"), statePath, outDir: join(folder, "out"), runId: "size-run", batchTokens: 200_000, services: { onEvent: () => undefined } });
  return { checkpoint: checkpointBytes(statePath), analysed: result.coverage.analysed };
}

describe("invariant 1: document text never lives in graph state", () => {
  it("keeps checkpoints of 20 documents of 100 KB within 20% of 20 documents of 1 KB", async () => {
    const small = await runCorpus(1_000);
    const large = await runCorpus(100_000);
    expect(small.analysed).toBe(20);
    expect(large.analysed).toBe(20);
    expect(small.checkpoint).toBeGreaterThan(0);
    // The large corpus holds 100 times the text; its checkpoints may differ only by the small metadata.
    expect(Math.abs(large.checkpoint - small.checkpoint) / small.checkpoint).toBeLessThan(0.2);
  }, 60_000);
});
