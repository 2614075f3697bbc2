import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import { costOf } from "../../src/prices/price-table.ts";
import type { RunManifest } from "../../src/types.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { type MockOpenAIServer, type RecordedRequest, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";

const PRICE = { input: 2, cachedInput: 0.5, output: 8 };

// USD of the answered requests, by the mock's own usage records and the price the run was given.
function spent(requests: RecordedRequest[]): number {
  return requests
    .filter((request) => request.status === 200 && request.usage)
    .reduce((sum, request) => sum + costOf({ inputTokens: request.usage!.prompt_tokens, cachedInputTokens: request.usage!.prompt_tokens_details.cached_tokens, outputTokens: request.usage!.completion_tokens }, PRICE), 0);
}

describe("run --max-cost", () => {
  let mock: MockOpenAIServer;
  beforeAll(async () => {
    mock = await startMockOpenAIServer();
  });
  afterAll(() => mock.close());

  it("stops within the cap with partial outputs and exit 3; resume with a higher cap finishes without asking finished work again", async () => {
    const folder = temporaryFolder();
    const prices = join(folder, "prices.json");
    writeFileSync(prices, JSON.stringify({ models: { "mock-priced": PRICE } }));
    const args = (state: string) => ["--provider", "openai", "--base-url", mock.baseUrl, "--model", "mock-priced", "--prices", prices, "--state", join(folder, state), "--concurrency", "2"];
    const quiet = { stdout: () => undefined, stderr: () => undefined };

    // What the whole run costs, measured on its own state file.
    expect(await main(["run", "examples/llms.txt", "--out", join(folder, "full"), ...args("full.db")], quiet)).toBe(0);
    const full = spent(mock.completions());
    const fullCost = (JSON.parse(readFileSync(join(folder, "full", "run.json"), "utf8")) as RunManifest).cost!;
    expect(fullCost.totalUsd).toBeCloseTo(full, 10);
    expect(Object.keys(fullCost.byNode).sort()).toEqual(["context", "summarize", "synthesize", "topic"]);
    expect(Object.values(fullCost.byDocument).reduce((sum, usd) => sum + usd, 0)).toBeCloseTo(fullCost.byNode["summarize"]!.costUsd! + fullCost.byNode["topic"]!.costUsd!, 10);

    const cap = Number((full * 0.4).toFixed(6));
    const before = mock.requests.length;
    const lines: string[] = [];
    const code = await main(["run", "examples/llms.txt", "--out", join(folder, "capped"), "--run-id", "capped", "--max-cost", String(cap), ...args("capped.db")], { stdout: (line) => lines.push(line), stderr: () => undefined });
    expect(code).toBe(3);
    const capped = mock.requests.slice(before);
    expect(spent(capped)).toBeLessThanOrEqual(cap);
    expect(spent(capped)).toBeGreaterThan(0);
    expect(lines.join("\n")).toContain("document-it resume capped --max-cost <USD>");
    const manifest = JSON.parse(readFileSync(join(folder, "capped", "run.json"), "utf8")) as RunManifest;
    const left = manifest.documents.filter((document) => document.failure?.reason.includes("cost limit reached"));
    expect(left.length).toBeGreaterThan(0);
    expect(manifest.coverage.analysed + left.length).toBe(14);
    expect(manifest.cost!.totalUsd).toBeLessThanOrEqual(cap);
    expect(manifest.status).toBe("stopped-at-cost-limit");
    const runs: string[] = [];
    await main(["runs", "--state", join(folder, "capped.db")], { stdout: (line) => runs.push(line), stderr: () => undefined });
    expect(runs.join("\n")).toContain("stopped-at-cost-limit");

    const resumedFrom = mock.requests.length;
    expect(await main(["resume", "capped", "--state", join(folder, "capped.db"), "--max-cost", "10"], quiet)).toBe(0);
    const resumed = mock.requests.slice(resumedFrom).filter((request) => request.status === 200);
    const asked = new Set(capped.filter((request) => request.status === 200).map((request) => JSON.stringify(request.body.messages)));
    expect(resumed.length).toBeGreaterThan(0);
    expect(resumed.filter((request) => asked.has(JSON.stringify(request.body.messages)))).toEqual([]);
    const finished = JSON.parse(readFileSync(join(folder, "capped", "run.json"), "utf8")) as RunManifest;
    expect(finished.coverage).toEqual({ total: 14, analysed: 14, failed: 0, skipped: 0 });
    expect(finished.status).toBe("completed");
    // run.json counts both processes of the run.
    expect(finished.cost!.totalUsd).toBeCloseTo(spent(capped) + spent(resumed), 10);
  }, 240_000);
});
