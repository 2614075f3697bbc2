import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { reportRun } from "../../graphs/report-run.ts";
import { startRun } from "../../graphs/run.ts";
import { writeCorpus } from "../helpers/corpus.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";

function rows(statePath: string, runId: string): { checkpoints: number; writes: number } {
  const database = new Database(statePath, { readonly: true });
  try {
    const checkpoints = database.prepare("SELECT COUNT(*) AS count FROM checkpoints WHERE thread_id = ?").get(runId) as { count: number };
    const writes = database.prepare("SELECT COUNT(*) AS count FROM writes WHERE thread_id = ?").get(runId) as { count: number };
    return { checkpoints: checkpoints.count, writes: writes.count };
  } finally {
    database.close();
  }
}

describe("the run's checkpointer keeps only the latest checkpoint", () => {
  it("leaves one checkpoint and no writes per finished run, and the report renders again from it", async () => {
    const folder = temporaryFolder();
    writeCorpus({ folder: join(folder, "docs"), documents: 6, bytes: 1_000 });
    const statePath = join(folder, "state.db");
    const options = { source: join(folder, "docs"), statePath, services: { onEvent: () => undefined } };
    const first = await startRun({ ...options, outDir: join(folder, "first"), runId: "first" });
    const second = await startRun({ ...options, outDir: join(folder, "second"), runId: "second" });
    expect([first.coverage.analysed, second.coverage.analysed]).toEqual([6, 6]);
    // Pruning one thread leaves the other thread's checkpoint alone.
    expect(rows(statePath, "first")).toEqual({ checkpoints: 1, writes: 0 });
    expect(rows(statePath, "second")).toEqual({ checkpoints: 1, writes: 0 });
    const again = await reportRun({ runId: "first", statePath, outDir: join(folder, "again") });
    expect(again.files).toContain("index.md");
  }, 60_000);
});
