import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type CliOptions, main } from "../../src/cli.ts";
import type { RunEvent } from "../../src/events.ts";
import { createLlmLimiterRegistry } from "../../src/llm-limiters.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { type MockOpenAIServer, type MockOpenAIServerOptions, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";

let mock: MockOpenAIServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

// A whole run of the examples against the mock endpoint, with more flags and services.
async function run(options: { mock?: MockOpenAIServerOptions; args?: string[]; services?: CliOptions["services"] }) {
  mock = await startMockOpenAIServer(options.mock);
  const folder = temporaryFolder();
  const stdout: string[] = [];
  const stderr: string[] = [];
  const args = ["run", "examples/llms.txt", "--provider", "openai", "--base-url", mock.baseUrl, "--model", "mock-small", "--out", join(folder, "out"), "--state", join(folder, "state.db"), ...(options.args ?? [])];
  const code = await main(args, { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line), ...(options.services ? { services: options.services } : {}) });
  return { code, stdout, stderr, mock, folder };
}

// The most answers the mock sent in any window of `windowMs`, by its own clock.
function mostInWindow(times: number[], windowMs: number): number {
  return Math.max(0, ...times.map((start) => times.filter((time) => time >= start && time < start + windowMs).length));
}

describe("invariant 7: one limiter governs the LLM", () => {
  it("never has more requests in flight than --concurrency, counted by the endpoint", async () => {
    const { code, mock } = await run({ mock: { behaviour: { delayMs: 400 } }, args: ["--concurrency", "3"] });
    expect(code).toBe(0);
    // Two batches ask summarize and topic at once (4 requests ready), then one synthesis per topic.
    expect(mock.completions().length).toBeGreaterThanOrEqual(5);
    expect(mock.counters.peakInFlight).toBeLessThanOrEqual(3);
    // The run did work in parallel, so the cap was what held it.
    expect(mock.counters.peakInFlight).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it("keeps under the endpoint's requests-per-window limit: none refused, none over in any window", async () => {
    // The endpoint allows 3 requests per sliding second, fewer than the 4 batch requests ready at once; the limiter
    // is told the same limit over the same window (a minute would make the test slow).
    const limits = { mock: { limits: { requestsPerMinute: 3 }, windowMs: 1000 }, args: ["--concurrency", "4"] };
    const llmLimiters = createLlmLimiterRegistry({ concurrency: 4, requestsPerMinute: 3, windowMs: 1000 });
    const { code, mock } = await run({ ...limits, services: { llmLimiters } });
    expect(code).toBe(0);
    const answered = mock.completions().map((request) => request.respondedAt!);
    expect(answered.length).toBeGreaterThanOrEqual(5);
    expect(mock.counters.refusedForLimit).toBe(0);
    expect(mostInWindow(answered, 1000)).toBeLessThanOrEqual(3);
    expect(llmLimiters.stats()[0]).toMatchObject({ rateLimited: 0, requests: answered.length });
  }, 120_000);

  it("stops the run at a 401 with exit code 2 and a clear message, sends no further LLM request, and resumes once the key is good", async () => {
    const secret = "sk-e2e-secret-0123456789";
    const previous = process.env["OPENAI_API_KEY"];
    process.env["OPENAI_API_KEY"] = secret;
    let sentBefore401 = 0;
    // The key is refused from the first batch on, while four batch requests are ready to go.
    const onEvent = (event: RunEvent) => {
      if (event.type === "stage" && event.stage === "discover" && event.phase === "end" && mock) {
        sentBefore401 = mock.completions().length;
        mock.behaviour.failures = { status: 401, count: 1000, message: `Incorrect API key provided: ${secret}` };
      }
    };
    try {
      // One registry for both runs, as `langgraph dev` keeps services between runs: the stop must not outlive the run.
      const llmLimiters = createLlmLimiterRegistry({ concurrency: 2 });
      const { code, stderr, stdout, mock, folder } = await run({ args: ["--concurrency", "2", "--run-id", "refused-key"], services: { onEvent, llmLimiters } });
      expect(code).toBe(2);
      const message = stderr.find((line) => line.startsWith("document-it: "));
      expect(message).toContain(`the LLM endpoint ${mock.baseUrl} refused the API key (HTTP 401 for model mock-small: Incorrect API key provided: [redacted])`);
      expect(message).toContain("OPENAI_API_KEY");
      expect([...stderr, ...stdout].join("\n")).not.toContain(secret);
      // At most the requests already in flight when the first 401 came back; none after, not even later.
      const refused = mock.completions().length - sentBefore401;
      expect(refused).toBeGreaterThanOrEqual(1);
      expect(refused).toBeLessThanOrEqual(2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(mock.completions().length - sentBefore401).toBe(refused);

      mock.behaviour.failures = undefined;
      const resumed: string[] = [];
      expect(await main(["resume", "refused-key", "--state", join(folder, "state.db")], { stdout: (line) => resumed.push(line), stderr: () => undefined, services: { onEvent: () => undefined, llmLimiters } })).toBe(0);
      expect(resumed[1]).toBe("  documents   14 analysed of 14 · 0 failed · 0 skipped");
    } finally {
      if (previous === undefined) delete process.env["OPENAI_API_KEY"];
      else process.env["OPENAI_API_KEY"] = previous;
    }
  }, 120_000);
});
