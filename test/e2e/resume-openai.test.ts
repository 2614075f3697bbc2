import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import type { RunManifest } from "../../src/types.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { type HoldingMock, startHoldingMock } from "../helpers/holding-mock.ts";
import { type LlmCall, describeCall } from "../helpers/llm-calls.ts";
import type { MockOpenAIServer } from "../helpers/mock-openai-server.ts";
import { waitFor } from "../helpers/wait-for.ts";
import { type StaticServer, startStaticServer } from "../helpers/static-server.ts";

const CLI_BIN = resolve("bin/document-it.js");

// What one call answers: a batch question per document, a synthesis per topic.
const workOf = (call: LlmCall): string[] => (call.question === "synthesize" ? [`synthesize:${call.topic}`] : call.documentIds.length > 0 ? call.documentIds.map((id) => `${call.question}:${id}`) : [call.question]);

describe("invariant 6 with the openai provider: SIGKILL half-way, then resume", () => {
  let holding: HoldingMock;
  let mock: MockOpenAIServer;
  let site: StaticServer;

  beforeAll(async () => {
    holding = await startHoldingMock();
    mock = holding.mock;
    site = await startStaticServer({ root: "examples" });
  });
  afterAll(async () => {
    holding.release();
    await mock.close();
    await site.close();
  });

  // --no-cache too: a resume must not ask again what the killed run answered.
  it.each([[[]], [["--no-cache"]]])("asks on resume at most the work left unanswered plus one batch, and redoes no answered call (%j)", async (flags: string[]) => {
    const folder = temporaryFolder();
    const args = (name: string) => ["run", `${site.url}llms.txt`, "--provider", "openai", "--base-url", mock.baseUrl, "--model", "mock-small", "--concurrency", "2", "--batch-tokens", "4000", "--out", join(folder, name), "--state", join(folder, `${name}.db`), "--run-id", name, ...flags];
    const quiet = { stdout: () => undefined, stderr: () => undefined };

    // An uninterrupted run gives the whole work.
    const cleanStart = mock.completions().length;
    expect(await main(args("clean"), quiet)).toBe(0);
    const total = mock.completions().slice(cleanStart).map(describeCall);
    expect(total.filter((call) => call.question === "summarize").length).toBeGreaterThanOrEqual(3);

    const start = mock.completions().length;
    holding.holdFrom(start + Math.floor(total.length / 2));
    const child = spawn(process.execPath, [CLI_BIN, ...args("killed")], { stdio: ["ignore", "ignore", "pipe"] });
    let childErrors = "";
    child.stderr!.on("data", (chunk: Buffer) => (childErrors += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await waitFor(() => holding.held().length > 0, "the killed run to reach half-way");
    // Calls already answered have their answers stored by now; then kill without warning.
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill("SIGKILL");
    expect(await exited, childErrors).toBe(null);
    const answered = mock.completions().slice(start).filter((request) => request.status === 200).map(describeCall);
    expect(answered.length).toBe(Math.floor(total.length / 2));
    holding.release();

    const resumeStart = mock.completions().length;
    const lines: string[] = [];
    const code = await main(["resume", "killed", "--state", join(folder, "killed.db")], { stdout: (line) => lines.push(line), stderr: (line) => lines.push(line) });
    expect(code, lines.join("\n")).toBe(0);
    const onResume = mock.completions().slice(resumeStart).map(describeCall);
    // One batch is its summarize and its topic call.
    expect(onResume.length).toBeLessThanOrEqual(total.length - answered.length + 2);
    const answeredWork = new Set(answered.flatMap(workOf));
    expect(onResume.flatMap(workOf).filter((work) => answeredWork.has(work))).toEqual([]);

    const manifest = (name: string) => JSON.parse(readFileSync(join(folder, name, "run.json"), "utf8")) as RunManifest;
    expect(manifest("killed").coverage).toEqual({ total: 14, analysed: 14, failed: 0, skipped: 0 });
    expect(manifest("killed").topics).toEqual(manifest("clean").topics);
  }, 240_000);
});
