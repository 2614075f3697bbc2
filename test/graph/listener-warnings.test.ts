import { EventEmitter } from "node:events";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIN_DEFAULT_MAX_LISTENERS } from "../../graphs/compile.ts";
import { writeCorpus } from "../helpers/corpus.ts";
import { createHarness, temporaryFolder } from "../helpers/graph-harness.ts";
import { createRecordingAnalyser } from "../helpers/recording-analyser.ts";

// A run started through the library (or `langgraph dev`), not the CLI: Node's default cap of 10 listeners applies.
describe("parallel tasks under one abort signal", () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => void warnings.push(warning);
  let previous: number;
  beforeAll(() => {
    previous = EventEmitter.defaultMaxListeners;
    EventEmitter.defaultMaxListeners = 10;
    process.on("warning", onWarning);
  });
  afterAll(() => {
    process.off("warning", onWarning);
    EventEmitter.defaultMaxListeners = previous;
  });

  it("runs 24 tasks of a step at once without MaxListenersExceededWarning", async () => {
    const folder = temporaryFolder();
    writeCorpus({ folder: join(folder, "docs"), documents: 24, bytes: 1200 });
    // Held answers keep the analysis tasks of a step running side by side.
    const { app, config } = createHarness({ folder, configuration: { maxBatchDocuments: 1, concurrency: 16 }, services: { analyser: createRecordingAnalyser({ delayMs: 30 }) } });
    expect(EventEmitter.defaultMaxListeners).toBe(MIN_DEFAULT_MAX_LISTENERS);
    const result = await app.invoke({ source: join(folder, "docs") }, config());
    expect(Object.values(result.documents).filter((record) => record.status === "analysed")).toHaveLength(24);
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((warning) => warning.name === "MaxListenersExceededWarning").map((warning) => warning.message)).toEqual([]);
  });
});
