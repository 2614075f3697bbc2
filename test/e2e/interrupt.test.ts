import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import type { RunManifest } from "../../src/types.ts";
import { CLI_BIN } from "../helpers/cli-process.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { type HoldingMock, startHoldingMock } from "../helpers/holding-mock.ts";
import { describeCall } from "../helpers/llm-calls.ts";
import { type StaticServer, startStaticServer } from "../helpers/static-server.ts";
import { waitFor } from "../helpers/wait-for.ts";

describe("Ctrl-C stops a run gracefully", () => {
  let holding: HoldingMock;
  let site: StaticServer;

  beforeAll(async () => {
    holding = await startHoldingMock();
    site = await startStaticServer({ root: "examples" });
  });
  afterAll(async () => {
    holding.release();
    await holding.mock.close();
    await site.close();
  });

  it("SIGINT: drops the calls in flight, keeps what finished, exits 130 saying how to resume; resume finishes without failures or repeated work", async () => {
    const { mock } = holding;
    const folder = temporaryFolder();
    const state = join(folder, "state.db");
    const args = ["run", `${site.url}llms.txt`, "--provider", "openai", "--base-url", mock.baseUrl, "--model", "mock-small", "--concurrency", "2", "--batch-tokens", "4000", "--out", join(folder, "out"), "--state", state, "--run-id", "stopped"];
    const start = mock.completions().length;
    holding.holdFrom(start + 5);
    const child = spawn(process.execPath, [CLI_BIN, ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let childErrors = "";
    child.stderr!.on("data", (chunk: Buffer) => (childErrors += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await waitFor(() => holding.held().length > 0, "the run to wait on a held call");
    child.kill("SIGINT");
    const stoppedAt = Date.now();
    // The held calls are never answered while the run is stopping: it must not wait for them (the LLM timeout is 60 s).
    expect(await exited, childErrors).toBe(130);
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
    holding.release();
    expect(childErrors).toMatch(/SIGINT: stopping the run; what finished is kept/);
    expect(childErrors).toMatch(/run stopped interrupted; what finished is kept: `document-it resume stopped` continues it/);
    const answered = mock.completions().slice(start).filter((request) => request.status === 200).map(describeCall);
    expect(answered).toHaveLength(5);

    const listed: string[] = [];
    expect(await main(["runs", "--state", state, "--json"], { stdout: (line) => listed.push(line) })).toBe(0);
    expect(JSON.parse(listed.join("\n"))).toMatchObject([{ runId: "stopped", status: "interrupted" }]);

    const resumeStart = mock.completions().length;
    const lines: string[] = [];
    expect(await main(["resume", "stopped", "--state", state], { stdout: (line) => lines.push(line), stderr: (line) => lines.push(line) }), lines.join("\n")).toBe(0);
    const onResume = mock.completions().slice(resumeStart).map(describeCall);
    // What one call answers: a batch question per document, a synthesis per topic.
    const work = (call: ReturnType<typeof describeCall>) => (call.question === "synthesize" ? [`synthesize:${call.topic}`] : call.documentIds.length > 0 ? call.documentIds.map((id) => `${call.question}:${id}`) : [call.question]);
    const answeredWork = new Set(answered.flatMap(work));
    // No document was recorded failed by the interruption, and nothing answered before it is asked again.
    expect(onResume.flatMap(work).filter((item) => answeredWork.has(item))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(folder, "out", "run.json"), "utf8")) as RunManifest;
    expect(manifest.coverage).toEqual({ total: 14, analysed: 14, failed: 0, skipped: 0 });
    expect(manifest.status).toBe("completed");
  }, 180_000);
});
