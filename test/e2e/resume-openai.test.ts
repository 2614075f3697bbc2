import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import type { RunManifest } from "../../src/types.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { type LlmCall, describeCall, documentNamedAnswers } from "../helpers/llm-calls.ts";
import { type MockOpenAIServer, type RecordedRequest, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";
import { type StaticServer, startStaticServer } from "../helpers/static-server.ts";

const CLI_BIN = resolve("bin/document-it.js");

async function waitFor(check: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// What one call answers: a batch question per document, a synthesis per topic.
const workOf = (call: LlmCall): string[] => (call.question === "synthesize" ? [`synthesize:${call.topic}`] : call.documentIds.length > 0 ? call.documentIds.map((id) => `${call.question}:${id}`) : [call.question]);

describe("invariant 6 with the openai provider: SIGKILL half-way, then resume", () => {
  let mock: MockOpenAIServer;
  let site: StaticServer;
  // From this chat completion on (index in the mock's records), requests are held unanswered until released.
  let holdFrom = Number.POSITIVE_INFINITY;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: RecordedRequest[] = [];

  beforeAll(async () => {
    mock = await startMockOpenAIServer({
      respond: async (request) => {
        if (mock.completions().indexOf(request) >= holdFrom) {
          held.push(request);
          await released;
          return { status: 503, body: { error: { message: "mock: held until the client was killed" } } };
        }
        return documentNamedAnswers(request);
      },
    });
    site = await startStaticServer({ root: "examples" });
  });
  afterAll(async () => {
    release();
    await mock.close();
    await site.close();
  });

  it("asks on resume at most the work left unanswered plus one batch, and redoes no answered call", async () => {
    const folder = temporaryFolder();
    const args = (name: string) => ["run", `${site.url}llms.txt`, "--provider", "openai", "--base-url", mock.baseUrl, "--model", "mock-small", "--concurrency", "2", "--batch-tokens", "4000", "--out", join(folder, name), "--state", join(folder, `${name}.db`), "--run-id", name];
    const quiet = { stdout: () => undefined, stderr: () => undefined };

    // An uninterrupted run gives the whole work.
    expect(await main(args("clean"), quiet)).toBe(0);
    const total = mock.completions().map(describeCall);
    expect(total.filter((call) => call.question === "summarize").length).toBeGreaterThanOrEqual(3);

    const start = mock.completions().length;
    holdFrom = start + Math.floor(total.length / 2);
    const child = spawn(process.execPath, [CLI_BIN, ...args("killed")], { stdio: ["ignore", "ignore", "pipe"] });
    let childErr = "";
    child.stderr!.on("data", (chunk: Buffer) => (childErr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await waitFor(() => held.length > 0, "the killed run to reach half-way");
    // Calls already answered have their answers stored by now; then kill without warning.
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill("SIGKILL");
    expect(await exited, childErr).toBe(null);
    const beforeKill = mock.completions().slice(start);
    const answered = beforeKill.filter((request) => request.status === 200).map(describeCall);
    expect(answered.length).toBe(Math.floor(total.length / 2));
    holdFrom = Number.POSITIVE_INFINITY;
    release();

    const resumeStart = mock.completions().length;
    const resumeLines: string[] = [];
    const resumeCode = await main(["resume", "killed", "--state", join(folder, "killed.db")], { stdout: (line) => resumeLines.push(line), stderr: (line) => resumeLines.push(line) });
    expect(resumeCode, resumeLines.join("\n")).toBe(0);
    const onResume = mock.completions().slice(resumeStart).map(describeCall);
    const remaining = total.length - answered.length;
    // One batch is its summarize and its topic call.
    expect(onResume.length).toBeLessThanOrEqual(remaining + 2);
    const answeredWork = new Set(answered.flatMap(workOf));
    expect(onResume.flatMap(workOf).filter((work) => answeredWork.has(work))).toEqual([]);

    const manifest = (name: string) => JSON.parse(readFileSync(join(folder, name, "run.json"), "utf8")) as RunManifest;
    expect(manifest("killed").coverage).toEqual({ total: 14, analysed: 14, failed: 0, skipped: 0 });
    expect(manifest("killed").topics).toEqual(manifest("clean").topics);
  }, 240_000);
});
