import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import type { RunManifest } from "../../src/types.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";

describe("a whole run against an OpenAI-compatible endpoint", () => {
  let mock: MockOpenAIServer;
  beforeAll(async () => {
    mock = await startMockOpenAIServer();
  });
  afterAll(() => mock.close());

  it("analyses the examples with --provider openai --base-url, records usage, and re-runs from the cache", async () => {
    const folder = temporaryFolder();
    const lines: string[] = [];
    const errors: string[] = [];
    const args = (out: string, runId: string) => ["run", "examples/llms.txt", "--provider", "openai", "--base-url", mock.baseUrl, "--model", "mock-small", "--out", join(folder, out), "--state", join(folder, "state.db"), "--run-id", runId];
    const code = await main(args("first", "first-run"), { stdout: (line) => lines.push(line), stderr: (line) => errors.push(line) });
    expect(errors.filter((line) => line.includes("failed"))).toEqual([]);
    expect(code).toBe(0);
    expect(errors).toContain("analyser: openai (mock-small); chosen with --provider");

    const completions = mock.completions();
    const questions = completions.map((request) => JSON.stringify(request.body.messages.at(-1).content));
    // One context call, summarize and topic once per batch (same count), one synthesis per topic.
    const manifest = JSON.parse(readFileSync(join(folder, "first", "run.json"), "utf8")) as RunManifest;
    expect(manifest.provider).toBe("openai");
    expect(manifest.coverage).toEqual({ total: 14, analysed: 14, failed: 0, skipped: 0 });
    expect(manifest.usage?.["summarize"]?.calls).toBe(manifest.usage?.["topic"]?.calls);
    expect(manifest.usage?.["context"]?.calls).toBe(1);
    expect(manifest.usage?.["synthesize"]?.calls).toBe(manifest.topics.length);
    const totalCalls = Object.values(manifest.usage ?? {}).reduce((sum, question) => sum + question.calls, 0);
    expect(completions).toHaveLength(totalCalls);
    expect(questions).toHaveLength(totalCalls);
    const reportedInput = completions.reduce((sum, request) => sum + (request.usage?.prompt_tokens ?? 0), 0);
    expect(Object.values(manifest.usage ?? {}).reduce((sum, question) => sum + question.inputTokens, 0)).toBe(reportedInput);

    // Every guideline page exists and every citation link resolves to a source URL of the run.
    const urls = new Set(manifest.documents.map((document) => document.url));
    for (const file of readdirSync(join(folder, "first", "topics"))) {
      const text = readFileSync(join(folder, "first", "topics", file), "utf8");
      for (const match of text.matchAll(/\[\[\d+\]\]\(([^)#]+)(?:#[^)]*)?\)/g)) expect(urls.has(match[1]!), `${file}: ${match[1]}`).toBe(true);
    }

    // Relate proposed additions: the context reached version 2 when documents share concepts.
    const analysis = JSON.parse(readFileSync(join(folder, "first", "analysis.json"), "utf8")) as { context: { version: number; history: unknown[] } };
    expect(analysis.context.version).toBeGreaterThanOrEqual(1);
    expect(analysis.context.history).toHaveLength(analysis.context.version);

    const before = mock.completions().length;
    expect(await main(args("second", "second-run"), { stdout: () => undefined, stderr: () => undefined })).toBe(0);
    // The context call is made again (it is not cached); every document and topic answer comes from the cache.
    expect(mock.completions().length - before).toBeLessThanOrEqual(1);
  }, 120_000);
});
