import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";

// One document, the local analyser and a stopped clock: every line of the output is known.
function smallRun(extra: string[]) {
  const folder = temporaryFolder();
  mkdirSync(join(folder, "docs"));
  writeFileSync(join(folder, "docs", "webhooks.md"), "# Webhooks\n\nWebhooks deliver events to your endpoint. Verify the signature header on each delivery.\n\n## Retries\n\nFailed deliveries are retried with backoff.\n");
  const stdout: string[] = [];
  const stderr: string[] = [];
  const args = ["run", join(folder, "docs"), "--provider", "local", "--out", join(folder, "out"), "--state", join(folder, "state.db"), "--run-id", "small", ...extra];
  return { folder, stdout, stderr, code: main(args, { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line), now: () => 1_000 }) };
}

describe("run output off a terminal", () => {
  it("prints plain progress lines on stderr and the summary table on stdout", async () => {
    const run = smallRun([]);
    expect(await run.code).toBe(0);
    expect(run.stderr).toEqual([
      "analyser: local (extractive-v1); chosen with --provider",
      "discover: done (1)",
      "fetch: 1/1 documents in 0.0s",
      "planBatches: done (1)",
      "analyse: 2/2 answers in 0.0s",
      "relate: done (1)",
      "synthesise: 1/1 topics in 0.0s",
      "report: done (9)",
    ]);
    expect(run.stdout).toEqual([
      "Run small",
      "  documents   1 analysed of 1 · 0 failed · 0 skipped",
      "  LLM calls   0",
      "  tokens      0 in (0 cached) · 0 out",
      "  cost        $0",
      "  wall time   0.0s",
      `  output      ${join(run.folder, "out")}`,
    ]);
  });

  it("--json prints every event as one JSON line on stdout, then the summary event, and nothing on stderr", async () => {
    const run = smallRun(["--json"]);
    expect(await run.code).toBe(0);
    expect(run.stderr).toEqual([]);
    expect(run.stdout.map((line) => JSON.parse(line))).toEqual([
      { type: "stage", stage: "discover", phase: "start" },
      { type: "provider", provider: "local", model: "extractive-v1", reason: "chosen with --provider" },
      { type: "stage", stage: "discover", phase: "end", count: 1 },
      { type: "document", documentId: expect.any(String), url: expect.stringMatching(/^file:.*webhooks\.md$/), status: "extracted" },
      { type: "stage", stage: "planBatches", phase: "end", count: 1, members: 1 },
      { type: "analysis", question: "topic", ids: [expect.any(String)], cached: false },
      { type: "analysis", question: "summarize", ids: [expect.any(String)], cached: false },
      { type: "stage", stage: "relate", phase: "end", count: 1 },
      { type: "analysis", question: "synthesize", ids: [expect.any(String)], cached: false },
      { type: "stage", stage: "report", phase: "end", count: 9 },
      {
        type: "summary",
        runId: "small",
        outDir: join(run.folder, "out"),
        coverage: { total: 1, analysed: 1, failed: 0, skipped: 0 },
        failedByReason: {},
        llm: { calls: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 },
        costUsd: 0,
        wallTimeMs: 0,
      },
    ]);
  });
});
