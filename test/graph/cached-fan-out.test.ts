import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DocumentItGraph } from "../../graphs/compile.ts";
import type { State } from "../../graphs/state.ts";
import { writeCorpus } from "../helpers/corpus.ts";
import { createHarness, startedTasks, temporaryFolder } from "../helpers/graph-harness.ts";
import { createRecordingAnalyser } from "../helpers/recording-analyser.ts";

// The tasks each node ran in one run of the graph, by node name.
async function runTasks(app: DocumentItGraph, input: { source: string }, config: object): Promise<Record<string, number>> {
  const tasks: Record<string, number> = {};
  for (const { name } of await startedTasks(app, input, config)) tasks[name] = (tasks[name] ?? 0) + 1;
  return tasks;
}

// Invariants 3 and 4 at the level of tasks: what the cache answers is not sent as a task at all.
describe("cached answers start no analysis or synthesis task", () => {
  it("sends nothing to summarize, topic or synthesize on an unchanged re-run, and only a changed document's work after a change", async () => {
    const folder = temporaryFolder();
    const files = writeCorpus({ folder: join(folder, "docs"), documents: 12, bytes: 1500 });
    const analyser = createRecordingAnalyser();
    const { app, config, events } = createHarness({ folder, configuration: { maxBatchDocuments: 3 }, services: { analyser } });
    const source = { source: join(folder, "docs") };

    const first = await runTasks(app, source, config("first"));
    const firstState = (await app.getState(config("first"))).values as State;
    expect(first).toMatchObject({ extract: 2, summarize: 4, topic: 4, synthesize: firstState.topics.length });
    expect(firstState.topics.length).toBeGreaterThan(2);

    // A new run over the same files: each document is fetched and found cached; no batch, no synthesis task, no call.
    const callsBefore = analyser.calls.length;
    const eventsBefore = events.length;
    const second = await runTasks(app, source, config("second"));
    const secondState = (await app.getState(config("second"))).values as State;
    expect(second).toMatchObject({ extract: 2, report: 1 });
    expect([second["summarize"], second["topic"], second["synthesize"]]).toEqual([undefined, undefined, undefined]);
    expect(analyser.calls.length).toBe(callsBefore);
    expect(secondState.batches).toEqual([]);
    // The same answers and guidelines as the first run, read from the cache.
    for (const [id, record] of Object.entries(firstState.documents)) expect([id, secondState.documents[id]!.summaryHash, secondState.documents[id]!.topicsHash]).toEqual([id, record.summaryHash, record.topicsHash]);
    const hashes = (guidelines: typeof firstState.guidelines) => Object.fromEntries(Object.entries(guidelines).map(([id, outcome]) => [id, "hash" in outcome ? outcome.hash : outcome.failure]));
    expect(hashes(secondState.guidelines)).toEqual(hashes(firstState.guidelines));
    // Progress still counts every answer, as cached.
    const cachedIds = (question: string) => events.slice(eventsBefore).flatMap((event) => (event.type === "analysis" && event.question === question && event.cached ? event.ids : []));
    expect(cachedIds("summarize")).toHaveLength(12);
    expect(cachedIds("topic")).toHaveLength(12);
    expect(cachedIds("synthesize").sort()).toEqual(secondState.topics.map((topic) => topic.id).sort());

    // One document changes: one batch of it alone, and synthesis tasks only for the topics it feeds.
    appendFileSync(files[4]!, "\nA closing note added to this guide.\n");
    const third = await runTasks(app, source, config("third"));
    const thirdState = (await app.getState(config("third"))).values as State;
    const changed = Object.values(thirdState.documents).find((record) => record.contentHash !== firstState.documents[record.id]?.contentHash)!;
    expect(thirdState.batches).toEqual([{ id: expect.any(String), documentIds: [changed.id] }]);
    const fed = thirdState.topics.filter((topic) => topic.documentIds.includes(changed.id));
    expect(fed.length).toBeGreaterThan(0);
    expect(third).toMatchObject({ summarize: 1, topic: 1, synthesize: fed.length });
    expect(analyser.calls.slice(callsBefore).filter((call) => call.question === "synthesize").map((call) => call.ids[0]).sort()).toEqual(fed.map((topic) => topic.id).sort());
  }, 60_000);
});
