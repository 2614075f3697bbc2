import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import type { RunManifest } from "../../src/types.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { describeCall } from "../helpers/llm-calls.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";

// The mock caches a prompt's prefix only for requests that arrive after it answered that prompt, as a provider does.
describe("summarize and topic share a prefix the provider has cached", () => {
  let mock: MockOpenAIServer;
  beforeAll(async () => {
    mock = await startMockOpenAIServer({ behaviour: { delayMs: 150 }, cacheAfterAnswer: true });
  });
  afterAll(() => mock.close());

  it("asks topic of a batch after its summarize was answered, so topic's shared prefix is served from the cache", async () => {
    const folder = temporaryFolder();
    // Enough slots for every batch at once: without the order, each batch's two questions would go out together.
    const args = ["run", "examples/llms.txt", "--provider", "openai", "--base-url", mock.baseUrl, "--model", "mock-small", "--concurrency", "16", "--batch-tokens", "4000", "--out", join(folder, "out"), "--state", join(folder, "state.db")];
    expect(await main(args, { stdout: () => undefined, stderr: () => undefined })).toBe(0);
    const batches = new Map<string, { summarize?: (typeof requests)[number]; topic?: (typeof requests)[number] }>();
    const requests = mock.completions().map((request) => ({ request, call: describeCall(request) }));
    for (const entry of requests) {
      if (entry.call.question !== "summarize" && entry.call.question !== "topic") continue;
      const key = entry.call.documentIds.join(",");
      batches.set(key, { ...batches.get(key), [entry.call.question]: entry });
    }
    expect(batches.size).toBeGreaterThanOrEqual(3);
    for (const [documents, { summarize, topic }] of batches) {
      expect({ documents, topicAfterSummarize: topic!.request.receivedAt >= summarize!.request.respondedAt! }).toEqual({ documents, topicAfterSummarize: true });
      // Everything up to the question is the same bytes, and cached by then; summarize found nothing cached.
      expect(summarize!.request.usage!.prompt_tokens_details.cached_tokens).toBe(0);
      expect(topic!.request.usage!.prompt_tokens_details.cached_tokens).toBeGreaterThan(topic!.request.usage!.prompt_tokens / 2);
    }
    const manifest = JSON.parse(readFileSync(join(folder, "out", "run.json"), "utf8")) as RunManifest;
    expect(manifest.usage?.["topic"]?.cachedInputTokens).toBeGreaterThan(0);
  }, 120_000);
});
