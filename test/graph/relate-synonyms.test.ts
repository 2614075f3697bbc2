import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Configuration } from "../../graphs/configuration.ts";
import { relate } from "../../graphs/nodes/relate.ts";
import type { State } from "../../graphs/state.ts";
import type { DocumentRecord, DocumentSummary, DocumentTopics, ExtractedDocument, IndexEntry } from "../../src/types.ts";
import { createHarness, temporaryFolder } from "../helpers/graph-harness.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";

// Nine distinct names once spelling is merged ("Retries" and "Retry" are one): Auth, Authentication, Dead Letter
// Queue, Rate Limit, Retry, Signing, Throttling, Webhook, Webhook Delivery.
const TOPICS: Record<string, Array<[string, number]>> = {
  a: [["Authentication", 0.9], ["Webhooks", 0.8]],
  b: [["Auth", 0.7], ["Webhook Delivery", 0.6]],
  c: [["Retries", 0.9], ["Authentication", 0.4]],
  d: [["Retry", 0.8], ["Signing", 0.5]],
  e: [["Rate Limits", 0.9], ["Webhooks", 0.3]],
  f: [["Throttling", 0.8], ["Dead Letter Queue", 0.6]],
};
const NAMES = ["Auth", "Authentication", "Dead Letter Queue", "Rate Limit", "Retry", "Signing", "Throttling", "Webhook", "Webhook Delivery"];

function setUp(mock: MockOpenAIServer, configuration: Partial<Configuration>) {
  const harness = createHarness({ folder: temporaryFolder(), configuration: { provider: "openai", baseUrl: mock.baseUrl, model: "mock-small", ...configuration } });
  const { store } = harness.services;
  const entries: IndexEntry[] = [];
  const documents: Record<string, DocumentRecord> = {};
  for (const [id, topics] of Object.entries(TOPICS)) {
    const url = `https://x.dev/${id}.md`;
    entries.push({ id, url, title: id, section: "Docs", optional: false } as IndexEntry);
    const extracted: ExtractedDocument = { id, url, title: id, markdown: `# ${id}`, sections: [], codeBlocks: [], links: [], tokens: 2 };
    const summary: DocumentSummary = { documentId: id, summary: "", concepts: [], implementationNotes: [], codePatterns: [] };
    const answer: DocumentTopics = { documentId: id, topics: topics.map(([name, relevance]) => ({ name, relevance, heading: "", anchor: "" })) };
    documents[id] = { id, url, title: id, section: "Docs", optional: false, slug: id, status: "extracted", contentHash: store.put(extracted), summaryHash: store.put(summary), topicsHash: store.put(answer) } as DocumentRecord;
  }
  const state = { source: "https://x.dev/llms.txt", entries, documents, topics: [], guidelines: {}, timings: {}, batches: [], splits: {} } as unknown as State;
  const runRelate = () => relate(state, { context: harness.config().context } as never);
  return { ...harness, runRelate };
}

const summary = (topics: Array<{ id: string; name: string; aliases: string[]; documentIds: string[]; weight: number }>) =>
  topics.map(({ id, name, aliases, documentIds, weight }) => ({ id, name, aliases, documentIds, weight }));

describe("relate asks the LLM to group synonymous topic names only when the list is long", () => {
  let mock: MockOpenAIServer;
  beforeAll(async () => {
    mock = await startMockOpenAIServer();
  });
  afterAll(() => mock.close());

  it("a long list: one relate call, its checked groups applied; a re-run answers from the cache", async () => {
    const { runRelate, services } = setUp(mock, { topicMergeThreshold: 5 });
    const before = mock.completions().length;
    // Unknown names are ignored, a name already grouped stays in its first group, a group of one changes nothing.
    mock.script.push({ answer: { question: "relate", groups: [{ names: ["Authentication", "Auth"] }, { names: ["Rate Limit", "Throttling", "Rate Limiting"] }, { names: ["Auth", "Signing"] }, { names: ["Webhook"] }] } });
    const first = await runRelate();
    const calls = mock.completions().slice(before);
    expect(calls).toHaveLength(1);
    const question = JSON.stringify(calls[0]!.body.messages);
    expect(question).toContain(`<document id=\\"topic-names\\">\\n${NAMES.join("\\n")}\\n</document>`);
    expect(services.usage?.["relate"]?.calls).toBe(1);
    expect(summary(first.topics!)).toEqual([
      { id: "authentication", name: "Authentication", aliases: ["Auth", "Authentication"], documentIds: ["a", "b", "c"], weight: 2 },
      { id: "rate-limit", name: "Rate Limit", aliases: ["Rate Limits", "Throttling"], documentIds: ["e", "f"], weight: 1.7 },
      { id: "retry", name: "Retry", aliases: ["Retries", "Retry"], documentIds: ["c", "d"], weight: 1.7 },
      { id: "webhook", name: "Webhook", aliases: ["Webhooks"], documentIds: ["a", "e"], weight: 1.1 },
    ]);

    const again = await runRelate();
    expect(mock.completions().length - before).toBe(1);
    expect(again.topics).toEqual(first.topics);
  }, 60_000);

  it("a short list: no relate call, the deterministic merge alone", async () => {
    const { runRelate } = setUp(mock, {});
    const before = mock.completions().length;
    const result = await runRelate();
    expect(mock.completions().length).toBe(before);
    expect(summary(result.topics!)).toEqual([
      { id: "retry", name: "Retry", aliases: ["Retries", "Retry"], documentIds: ["c", "d"], weight: 1.7 },
      { id: "authentication", name: "Authentication", aliases: ["Authentication"], documentIds: ["a", "c"], weight: 1.3 },
      { id: "webhook", name: "Webhook", aliases: ["Webhooks"], documentIds: ["a", "e"], weight: 1.1 },
      { id: "throttling", name: "Throttling", aliases: ["Throttling"], documentIds: ["f"], weight: 0.8 },
      { id: "auth", name: "Auth", aliases: ["Auth"], documentIds: ["b"], weight: 0.7 },
    ]);
  });

  it("a failed relate call keeps the deterministic merge, says so, and does not fail the run", async () => {
    const { runRelate, events } = setUp(mock, { topicMergeThreshold: 5 });
    mock.script.push({ status: 400, body: { error: { message: "the model is unavailable" } } });
    const result = await runRelate();
    expect(result.topics!.map((topic) => topic.id)).toEqual(["retry", "authentication", "webhook", "throttling", "auth"]);
    expect(Object.values(result.documents!).every((change) => change.status === "analysed")).toBe(true);
    const failures = events.filter((event) => event.type === "analysis-failed");
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ question: "relate", ids: [] });
    expect((failures[0] as { reason: string }).reason).toMatch(/the model is unavailable.*; topic names merged by spelling only$/);
  }, 60_000);
});
