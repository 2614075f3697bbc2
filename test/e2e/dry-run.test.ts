import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBenchSite, type BenchSite } from "../../bench/pipeline.ts";
import { main } from "../../src/cli.ts";
import { countTokens } from "../../src/tokens.ts";
import { generateFromSchema, readPromptFacts } from "../helpers/mock-openai-answers.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";

// The bench corpus (30 documents, about 2k tokens each) against a mock that counts tokens with o200k_base, as OpenAI's
// models do, and names each document's topics after its headings, so topics differ between documents as real ones do.
describe("run --dry-run on the bench corpus", () => {
  let site: BenchSite;
  let mock: MockOpenAIServer;
  beforeAll(async () => {
    site = await startBenchSite({ documents: 30 });
    mock = await startMockOpenAIServer({
      countTokens,
      cacheMinimumTokens: 1024,
      respond: (request) => {
        const schema = request.body?.response_format?.json_schema?.schema;
        if (!schema || !String(request.body.messages.at(-1)?.content ?? "").startsWith("Question: topic")) return undefined;
        return { answer: generateFromSchema(schema, readPromptFacts(request.body.messages), { documentNames: true }) };
      },
    });
  });
  afterAll(async () => {
    await mock.close();
    await site.server.close();
  });

  it("estimates the calls and input tokens of the real run within 15 % and sends no LLM request", async () => {
    const folder = temporaryFolder();
    const args = ["--provider", "openai", "--base-url", mock.baseUrl, "--model", "gpt-4.1-mini", "--state", join(folder, "state.db"), "--allow-private", "--concurrency", "4"];
    const lines: string[] = [];
    expect(await main(["run", site.source, "--dry-run", "--json", ...args], { stdout: (line) => lines.push(line), stderr: () => undefined })).toBe(0);
    expect(mock.completions()).toHaveLength(0);
    const report = JSON.parse(lines.at(-1)!) as { type: string; documents: Array<{ status: string }>; estimate: { byNode: Record<string, { calls: number; inputTokens: number }>; total: { calls: number; inputTokens: number; costUsd: number } } };
    expect(report.type).toBe("dry-run");
    expect(report.documents.filter((document) => document.status === "analyse")).toHaveLength(30);

    expect(await main(["run", site.source, "--out", join(folder, "out"), "--run-id", "real", ...args], { stdout: () => undefined, stderr: () => undefined })).toBe(0);
    const calls = mock.completions().filter((request) => request.status === 200);
    const inputTokens = calls.reduce((sum, request) => sum + request.usage!.prompt_tokens, 0);
    const { total } = report.estimate;
    // Measured: 36 calls and 154,176 input tokens estimated, 41 and 156,165 recorded (relate keeps more topics than maxTopics).
    expect(Math.abs(total.calls - calls.length) / calls.length).toBeLessThanOrEqual(0.15);
    expect(Math.abs(total.inputTokens - inputTokens) / inputTokens).toBeLessThanOrEqual(0.15);
    expect(total.costUsd).toBeGreaterThan(0);

    // A second dry run over the finished run finds every answer cached: nothing to ask, nothing to pay.
    lines.length = 0;
    expect(await main(["run", site.source, "--dry-run", "--json", ...args], { stdout: (line) => lines.push(line), stderr: () => undefined })).toBe(0);
    const again = JSON.parse(lines.at(-1)!) as typeof report;
    expect(again.documents.filter((document) => document.status === "cached")).toHaveLength(30);
    expect(again.estimate.total.calls).toBe(0);
    expect(mock.completions().filter((request) => request.status === 200)).toHaveLength(calls.length);
  }, 240_000);
});
