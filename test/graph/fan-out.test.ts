import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MIN_TASK_CAP, taskCap } from "../../graphs/compile.ts";
import { createRecordingAnalyser } from "../helpers/recording-analyser.ts";
import { writeCorpus } from "../helpers/corpus.ts";
import { createHarness, startedTasks, temporaryFolder } from "../helpers/graph-harness.ts";

describe("the graph fans out with Send", () => {
  it("runs one extract per 8 documents, summarize and topic per batch in the same step, one synthesize per topic", async () => {
    const folder = temporaryFolder();
    writeCorpus({ folder: join(folder, "docs"), documents: 12, bytes: 1500 });
    const analyser = createRecordingAnalyser({ delayMs: 40 });
    const { app, config } = createHarness({ folder, configuration: { maxBatchDocuments: 3, concurrency: 8 }, services: { analyser } });

    const tasksByStep = new Map<number, string[]>();
    for (const { step, name } of await startedTasks(app, { source: join(folder, "docs") }, config())) tasksByStep.set(step, [...(tasksByStep.get(step) ?? []), name]);
    const count = (name: string) => [...tasksByStep.values()].map((names) => names.filter((each) => each === name).length).filter(Boolean);
    expect(count("extract")).toEqual([2]);
    const state0 = await app.getState(config());
    expect(Object.values(state0.values.documents).filter((document) => (document as { status: string }).status === "analysed")).toHaveLength(12);
    expect(count("summarize")).toEqual([4]);
    expect(count("topic")).toEqual([4]);
    const analysisStep = [...tasksByStep.entries()].find(([, names]) => names.includes("summarize"))![1];
    expect(analysisStep.filter((name) => name === "topic")).toHaveLength(4);

    const state = await app.getState(config());
    expect(count("synthesize")).toEqual([state.values.topics.length]);
    expect(state.values.topics.length).toBeGreaterThan(1);

    // summarize and topic answer the same batches at the same time: some of their calls overlap in time.
    const summaries = analyser.calls.filter((call) => call.question === "summarize");
    const topics = analyser.calls.filter((call) => call.question === "topics");
    const overlapping = summaries.some((a) => topics.some((b) => a.startedAt < b.endedAt && b.startedAt < a.endedAt));
    expect(overlapping).toBe(true);
    expect(summaries.map((call) => call.ids).sort()).toEqual(topics.map((call) => call.ids).sort());
  });

  it("loses no Send task under maxConcurrency 1", async () => {
    const folder = temporaryFolder();
    writeCorpus({ folder: join(folder, "docs"), documents: 9, bytes: 1200 });
    const analyser = createRecordingAnalyser();
    const { app, config } = createHarness({ folder, configuration: { maxBatchDocuments: 2 }, services: { analyser } });
    const result = await app.invoke({ source: join(folder, "docs") }, { ...config(), maxConcurrency: 1 });
    const records = Object.values(result.documents);
    expect(records).toHaveLength(9);
    expect(records.every((record) => record.status === "analysed")).toBe(true);
    expect(analyser.calls.filter((call) => call.question === "summarize").flatMap((call) => call.ids).sort()).toEqual(records.map((record) => record.id).sort());
    expect(Object.keys(result.guidelines).sort()).toEqual(result.topics.map((topic) => topic.id).sort());
  });

  it("runs every Send task when a step has more tasks than the default task cap", async () => {
    const folder = temporaryFolder();
    const documents = MIN_TASK_CAP + 8;
    writeCorpus({ folder: join(folder, "docs"), documents, bytes: 300 });
    const { app, config } = createHarness({ folder, configuration: { concurrency: 1 }, services: { analyser: createRecordingAnalyser() } });
    expect(taskCap({ context: { concurrency: 1 } })).toBeLessThan(documents);
    const result = await app.invoke({ source: join(folder, "docs") }, config());
    const records = Object.values(result.documents);
    expect(records).toHaveLength(documents);
    expect(records.every((record) => record.status === "analysed")).toBe(true);
  });
});
