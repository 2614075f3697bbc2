import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import { documentIdFor } from "../../src/source-index.ts";
import type { RunManifest } from "../../src/types.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { describeCall, documentNamedAnswers } from "../helpers/llm-calls.ts";
import { type MockOpenAIServer, type RecordedRequest, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";
import { type StaticServer, startStaticServer } from "../helpers/static-server.ts";

describe("resume --retry-failed", () => {
  let mock: MockOpenAIServer;
  let site: StaticServer;
  // While set, every summarize request holding this document is refused, whatever batch it is in.
  let refused: string | undefined;
  const isRefused = (request: RecordedRequest) => {
    const call = describeCall(request);
    return refused !== undefined && call.question === "summarize" && call.documentIds.includes(refused);
  };
  beforeAll(async () => {
    mock = await startMockOpenAIServer({ respond: (request) => (isRefused(request) ? { status: 422, body: { error: { message: "mock: refused" } } } : documentNamedAnswers(request)) });
    site = await startStaticServer({ root: "examples" });
  });
  afterAll(async () => {
    await mock.close();
    await site.close();
  });

  // Under --no-cache too: the answers the run itself cached are reused by the retry.
  it.each([[[]], [["--no-cache"]]])("tries a failed document again only when asked, asking only what its failure left unanswered (%j)", async (flags: string[]) => {
    const folder = temporaryFolder();
    const out = join(folder, "out");
    const retriesUrl = `${site.url}docs/retries.md`;
    const cli = async (args: string[]) => {
      const before = mock.completions().length;
      const stdout: string[] = [];
      const code = await main([...args, "--state", join(folder, "state.db")], { stdout: (line) => stdout.push(line), stderr: () => undefined });
      const manifest = JSON.parse(readFileSync(join(out, "run.json"), "utf8")) as RunManifest;
      return { code, stdout, calls: mock.completions().slice(before).map(describeCall), retries: manifest.documents.find((document) => document.url === retriesUrl)!, manifest };
    };
    refused = documentIdFor(retriesUrl);
    const first = await cli(["run", `${site.url}llms.txt`, "--provider", "openai", "--base-url", mock.baseUrl, "--model", "mock-small", "--out", out, "--run-id", "flaky", ...flags]);
    expect(first.code).toBe(1);
    expect(first.retries).toMatchObject({ id: refused, status: "failed", failure: { stage: "summarize" } });
    expect(first.manifest.coverage).toEqual({ total: 14, analysed: 13, failed: 1, skipped: 0 });
    // Its batch was refused as a whole, then each document asked alone: only the refused one failed.
    expect(first.calls.filter((call) => call.question === "summarize" && call.documentIds.length === 1 && call.documentIds[0] === refused).length).toBeGreaterThanOrEqual(1);

    refused = undefined;
    // Without the flag a finished run stays as it was: no call, the document still failed.
    const plain = await cli(["resume", "flaky"]);
    expect(plain.code).toBe(1);
    expect(plain.calls).toEqual([]);
    expect(plain.retries.status).toBe("failed");

    const retried = await cli(["resume", "flaky", "--retry-failed"]);
    expect(retried.code).toBe(0);
    expect(retried.retries.status).toBe("analysed");
    expect(retried.manifest.coverage).toEqual({ total: 14, analysed: 14, failed: 0, skipped: 0 });
    // Its topics answer came from the cache (that question had not failed); its summary is asked again, alone, and the
    // only topic synthesised is the one it feeds, new to the run. Every other answer is cached.
    expect(retried.calls.map((call) => [call.question, call.documentIds, call.topic])).toEqual([
      ["summarize", [documentIdFor(retriesUrl)], undefined],
      ["synthesize", [], "Retry And Backoff"],
    ]);
    expect(retried.manifest.topics.map((topic) => topic.name)).toContain("Retry And Backoff");
    expect(first.manifest.topics.map((topic) => topic.name)).not.toContain("Retry And Backoff");
  }, 120_000);
});
