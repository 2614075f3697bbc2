import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/types.ts";
import { CLI_BIN } from "../helpers/cli-process.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";
import { waitFor } from "../helpers/wait-for.ts";

// The environment of a child run: the mock endpoint only, no key, no tracing.
function childEnvironment(): NodeJS.ProcessEnv {
  const { OPENAI_API_KEY: _key, OPENAI_BASE_URL: _url, LANGSMITH_TRACING: _tracing, LANGCHAIN_TRACING_V2: _tracingV2, ...rest } = process.env;
  return rest;
}

function runCliChild(args: string[]): { child: ChildProcess; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI_BIN, ...args], { env: childEnvironment(), stdio: ["ignore", "ignore", "ignore"] });
  return { child, exit: new Promise((resolve) => child.on("exit", (code) => resolve(code))) };
}

// Rows the ledger holds for a run, read through a second connection as `document-it runs` would.
function ledgerRows(statePath: string, runId: string): number {
  try {
    const database = new Database(statePath, { readonly: true, fileMustExist: true });
    try {
      return (database.prepare("SELECT COUNT(*) AS count FROM llm_usage WHERE run_id = ?").get(runId) as { count: number }).count;
    } finally {
      database.close();
    }
  } catch {
    return 0;
  }
}


describe("run.json counts the LLM usage of every process of a run", () => {
  let mock: MockOpenAIServer;
  beforeAll(async () => {
    mock = await startMockOpenAIServer();
  });
  afterAll(() => mock.close());

  it("a run killed with SIGKILL part-way and resumed reports the calls and tokens of both processes", async () => {
    const folder = temporaryFolder();
    const statePath = join(folder, "state.db");
    const runId = "killed-openai-run";
    const answered = () => mock.completions().filter((request) => request.usage !== undefined);
    mock.behaviour.holdAfter = 4;
    const first = runCliChild(["run", "examples/llms.txt", "--provider", "openai", "--base-url", mock.baseUrl, "--model", "mock-small", "--out", join(folder, "out"), "--state", statePath, "--run-id", runId]);
    // Kill only once every answered response is in the ledger and every request still open is held unanswered.
    await waitFor(() => mock.counters.held > 0 && mock.counters.inFlight === mock.counters.held && ledgerRows(statePath, runId) === answered().length, "the first process to record its answers and wait");
    first.child.kill("SIGKILL");
    expect(await first.exit).toBe(null);
    const answeredBeforeKill = answered().length;
    expect(answeredBeforeKill).toBeGreaterThanOrEqual(4);

    mock.behaviour.holdAfter = undefined;
    const second = runCliChild(["resume", runId, "--state", statePath]);
    expect(await second.exit).toBe(0);
    const calls = answered();
    expect(calls.length).toBeGreaterThan(answeredBeforeKill);

    const manifest = JSON.parse(readFileSync(join(folder, "out", "run.json"), "utf8")) as RunManifest;
    expect(manifest.coverage).toEqual({ total: 14, analysed: 14, failed: 0, skipped: 0 });
    const usage = Object.values(manifest.usage ?? {});
    const sum = (pick: (question: (typeof usage)[number]) => number) => usage.reduce((total, question) => total + pick(question), 0);
    expect(sum((question) => question.calls)).toBe(calls.length);
    expect(sum((question) => question.inputTokens)).toBe(calls.reduce((total, request) => total + request.usage!.prompt_tokens, 0));
    expect(sum((question) => question.outputTokens)).toBe(calls.reduce((total, request) => total + request.usage!.completion_tokens, 0));
    expect(sum((question) => question.cachedInputTokens)).toBe(calls.reduce((total, request) => total + request.usage!.prompt_tokens_details.cached_tokens, 0));
  }, 180_000);
});
