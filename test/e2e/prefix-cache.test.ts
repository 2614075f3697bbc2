import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import type { RunManifest } from "../../src/types.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { type LlmCall, describeCall, documentNamedAnswers } from "../helpers/llm-calls.ts";
import { type MockOpenAIServer, type RecordedRequest, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";

// The mock caches a prompt's prefix only for requests that arrive after it answered that prompt, as a provider does.
// Its topics are named after each document's headings, so synthesis asks about many topics.
async function runOnMock(concurrency: number): Promise<{ mock: MockOpenAIServer; folder: string; requests: Array<{ request: RecordedRequest; call: LlmCall }> }> {
  const mock = await startMockOpenAIServer({ behaviour: { delayMs: 150 }, cacheAfterAnswer: true, respond: documentNamedAnswers });
  const folder = temporaryFolder();
  const args = ["run", "examples/llms.txt", "--provider", "openai", "--base-url", mock.baseUrl, "--model", "mock-small", "--concurrency", String(concurrency), "--batch-tokens", "4000", "--out", join(folder, "out"), "--state", join(folder, "state.db")];
  expect(await main(args, { stdout: () => undefined, stderr: () => undefined })).toBe(0);
  return { mock, folder, requests: mock.completions().map((request) => ({ request, call: describeCall(request) })) };
}

function usageOf(folder: string, question: string) {
  return (JSON.parse(readFileSync(join(folder, "out", "run.json"), "utf8")) as RunManifest).usage?.[question];
}

describe("topic and summarize share a prefix the provider has cached", () => {
  let run: Awaited<ReturnType<typeof runOnMock>>;
  // Enough slots for every batch at once: without the order, each batch's two questions would go out together.
  beforeAll(async () => void (run = await runOnMock(16)), 120_000);
  afterAll(() => run.mock.close());

  it("asks summarize of a batch after its topic was answered, so summarize's shared prefix is served from the cache", () => {
    const batches = new Map<string, { summarize?: (typeof run.requests)[number]; topic?: (typeof run.requests)[number] }>();
    for (const entry of run.requests) {
      if (entry.call.question !== "summarize" && entry.call.question !== "topic") continue;
      const key = entry.call.documentIds.join(",");
      batches.set(key, { ...batches.get(key), [entry.call.question]: entry });
    }
    expect(batches.size).toBeGreaterThanOrEqual(3);
    for (const [documents, { summarize, topic }] of batches) {
      expect({ documents, summarizeAfterTopic: summarize!.request.receivedAt >= topic!.request.respondedAt! }).toEqual({ documents, summarizeAfterTopic: true });
      // Everything up to the question is the same bytes, and cached by then; topic found nothing cached.
      expect(topic!.request.usage!.prompt_tokens_details.cached_tokens).toBe(0);
      expect(summarize!.request.usage!.prompt_tokens_details.cached_tokens).toBeGreaterThan(summarize!.request.usage!.prompt_tokens / 2);
    }
    expect(usageOf(run.folder, "summarize")?.cachedInputTokens).toBeGreaterThan(0);
  });
});

describe("every topic's synthesis shares a prefix the provider has cached", () => {
  let run: Awaited<ReturnType<typeof runOnMock>>;
  // Fewer slots than topics, so most syntheses are asked after one was answered.
  beforeAll(async () => void (run = await runOnMock(4)), 120_000);
  afterAll(() => run.mock.close());

  it("sends every topic's synthesis the same system and guideline messages, served from the cache once one was answered", () => {
    const syntheses = run.requests.filter((entry) => entry.call.question === "synthesize").map((entry) => entry.request);
    expect(syntheses.length).toBeGreaterThanOrEqual(8);
    expect(new Set(syntheses.map((request) => describeCall(request).topic)).size).toBe(syntheses.length);
    for (const request of syntheses) expect(request.body.messages).toHaveLength(3);
    expect(new Set(syntheses.map((request) => JSON.stringify(request.body.messages.slice(0, 2)))).size).toBe(1);
    // The shared message is the context and the rules; each topic and its sources come after it.
    const guideline = String(syntheses[0]!.body.messages[1].content);
    expect(guideline).toMatch(/^Product context:\n\n<context version="\d+">/);
    expect(guideline).not.toContain("<document");

    const firstAnswered = Math.min(...syntheses.map((request) => request.respondedAt!));
    const later = syntheses.filter((request) => request.receivedAt >= firstAnswered);
    expect(later.length).toBeGreaterThan(syntheses.length / 2);
    // Each later one has the schema, the system message and the guideline message served from the cache, never its own part.
    for (const request of later) {
      const cached = request.usage!.prompt_tokens_details.cached_tokens;
      expect(cached).toBeGreaterThan(0);
      expect(cached).toBeLessThan(request.usage!.prompt_tokens);
    }
    expect(usageOf(run.folder, "synthesize")?.cachedInputTokens).toBeGreaterThan(0);
  });
});
