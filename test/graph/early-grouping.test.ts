import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { State } from "../../graphs/state.ts";
import { writeCorpus } from "../helpers/corpus.ts";
import { createHarness, temporaryFolder } from "../helpers/graph-harness.ts";
import { describeCall, documentNamedAnswers } from "../helpers/llm-calls.ts";
import { type MockOpenAIServer, type RecordedRequest, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";

// relate's synonym question goes out as soon as every topic answer is in, while summaries are still being answered.
describe("relate's synonym question is asked early", () => {
  let mock: MockOpenAIServer;
  beforeEach(async () => {
    mock = await startMockOpenAIServer({ behaviour: { delayMs: 60 }, respond: documentNamedAnswers });
  });
  afterEach(() => mock.close());

  async function run(configuration: { noCache?: boolean } = {}) {
    const folder = temporaryFolder();
    writeCorpus({ folder: join(folder, "docs"), documents: 12, bytes: 1500 });
    // Six batches over two slots: topic goes first in each, so the last summaries are asked after every topic answer.
    const harness = createHarness({
      folder,
      configuration: { provider: "openai", baseUrl: mock.baseUrl, model: "mock-small", maxBatchDocuments: 2, concurrency: 2, topicMergeThreshold: 3, ...configuration },
    });
    await harness.app.invoke({ source: join(folder, "docs") }, harness.config());
    const state = (await harness.app.getState(harness.config())).values as State;
    // relate's question is the one answered with topic groups.
    const questionOf = (request: RecordedRequest) => (request.body?.response_format?.json_schema?.name === "topic_groups" ? "relate" : describeCall(request).question);
    const calls = mock.completions().map((request) => ({ request, question: questionOf(request) }));
    return { state, calls, services: harness.services };
  }

  it("asks it once, before the last summarize answer, and relate uses that answer", async () => {
    const { state, calls, services } = await run();
    const relate = calls.filter((call) => call.question === "relate");
    const summaries = calls.filter((call) => call.question === "summarize");
    expect(relate).toHaveLength(1);
    expect(summaries.length).toBeGreaterThanOrEqual(6);
    expect(relate[0]!.request.receivedAt).toBeLessThan(Math.max(...summaries.map((call) => call.request.respondedAt!)));
    // It was asked about every document's topics: all twelve are analysed and linked to topics.
    const documents = Object.values(state.documents);
    expect(documents.filter((document) => document.status === "analysed")).toHaveLength(12);
    expect(documents.every((document) => (document.topicIds ?? []).length > 0)).toBe(true);
    expect(services.usage?.["relate"]?.calls).toBe(1);
  });

  it("is left to relate under --no-cache, which then asks it once, after the analysis", async () => {
    const { calls } = await run({ noCache: true });
    const relate = calls.filter((call) => call.question === "relate");
    const summaries = calls.filter((call) => call.question === "summarize");
    expect(relate).toHaveLength(1);
    expect(relate[0]!.request.receivedAt).toBeGreaterThanOrEqual(Math.max(...summaries.map((call) => call.request.respondedAt!)));
  });
});
