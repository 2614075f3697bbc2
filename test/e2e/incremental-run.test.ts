import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import type { RunManifest } from "../../src/types.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { type LlmCall, describeCall, documentNamedAnswers, etagSite } from "../helpers/llm-calls.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";
import { type RouteServer, startRouteServer } from "./fetch-routes.ts";

interface Analysis {
  topics: Array<{ id: string; name: string; documentIds: string[] }>;
}

// Invariant 3 with the openai provider: the LLM result cache, conditional fetches, --force and --no-cache.
describe("incremental runs against an OpenAI-compatible endpoint", () => {
  let mock: MockOpenAIServer;
  let site: RouteServer;
  const bodies = new Map<string, string>();
  const folder = temporaryFolder();

  beforeAll(async () => {
    mock = await startMockOpenAIServer({ respond: documentNamedAnswers });
    site = await startRouteServer();
    for (const [path, route] of etagSite({ root: "examples", bodies })) site.routes.set(path, route);
  });
  afterAll(async () => {
    await mock.close();
    await site.close();
  });

  /** One CLI run over the site; its LLM calls and document requests are the ones made during it. */
  async function run(name: string, extra: string[] = [], state = "state.db") {
    const callsBefore = mock.completions().length;
    const requestsBefore = site.requests.length;
    const args = ["run", `${site.origin}/llms.txt`, "--provider", "openai", "--base-url", mock.baseUrl, "--model", "mock-small", "--out", join(folder, name), "--state", join(folder, state), "--run-id", name, ...extra];
    const code = await main(args, { stdout: () => undefined, stderr: () => undefined });
    const calls: LlmCall[] = mock.completions().slice(callsBefore).map(describeCall);
    // Documents only (not the index, nor the markdown variants probed for the HTML page, which answer 404 and keep no validator).
    const documentRequests = site.requests.slice(requestsBefore).filter((request) => /\.(md|html)$/.test(request.path) && site.routes.has(request.path));
    const manifest = JSON.parse(readFileSync(join(folder, name, "run.json"), "utf8")) as RunManifest;
    const analysis = JSON.parse(readFileSync(join(folder, name, "analysis.json"), "utf8")) as Analysis;
    return { code, calls, documentRequests, manifest, analysis };
  }
  const idOf = (manifest: RunManifest, path: string) => manifest.documents.find((document) => document.url.endsWith(path))!.id;
  const synthesised = (calls: LlmCall[]) => calls.filter((call) => call.question === "synthesize").map((call) => call.topic).sort();
  const topicsFedBy = (analysis: Analysis, documentId: string) => analysis.topics.filter((topic) => topic.documentIds.includes(documentId)).map((topic) => topic.name).sort();

  let fullRunCalls = 0;

  it("makes no LLM call when nothing changed, and asks for every document conditionally", async () => {
    const first = await run("first");
    expect(first.code).toBe(0);
    expect(first.manifest.coverage).toEqual({ total: 14, analysed: 14, failed: 0, skipped: 0 });
    // Each document feeds a topic of its own, so a change can stay local.
    expect(first.analysis.topics).toHaveLength(14);
    fullRunCalls = first.calls.length;
    expect(first.calls.filter((call) => call.question === "context")).toHaveLength(1);
    expect(first.calls.filter((call) => call.question === "synthesize")).toHaveLength(first.analysis.topics.length);

    const second = await run("second");
    expect(second.code).toBe(0);
    expect(second.calls).toEqual([]);
    expect(second.documentRequests.map((request) => request.path).sort()).toEqual(first.documentRequests.map((request) => request.path).sort());
    expect(second.documentRequests.filter((request) => request.headers["if-none-match"] === undefined)).toEqual([]);
    expect(second.manifest.documents).toEqual(first.manifest.documents);
    // The answers come from the cache, in the store's key order: the data file is the same bytes but for the run's name.
    const analysisText = (name: string) => readFileSync(join(folder, name, "analysis.json"), "utf8").replaceAll(name, "RUN");
    expect(analysisText("second")).toBe(analysisText("first"));
  }, 120_000);

  it("re-analyses a changed document alone, and re-synthesises only the topics it feeds", async () => {
    const path = "/docs/retries.md";
    bodies.set(path, `${readFileSync(`examples${path}`, "utf8")}\nRetries stop after the last attempt of the schedule.\n`);
    const changed = await run("changed");
    expect(changed.code).toBe(0);
    const id = idOf(changed.manifest, path);
    const batchCalls = changed.calls.filter((call) => call.question === "summarize" || call.question === "topic");
    expect(batchCalls.map((call) => [call.question, call.documentIds]).sort()).toEqual([["summarize", [id]], ["topic", [id]]]);
    expect(changed.calls.filter((call) => call.question === "context")).toEqual([]);
    const fed = topicsFedBy(changed.analysis, id);
    expect(fed).toEqual(["Retry And Backoff"]);
    expect(synthesised(changed.calls)).toEqual(fed);
    expect(changed.calls).toHaveLength(2 + fed.length);
  }, 120_000);

  it("--force fetches the matching documents unconditionally and answers them and their topics again", async () => {
    const forced = await run("forced", ["--force", "docs/retries.md"]);
    expect(forced.code).toBe(0);
    const id = idOf(forced.manifest, "/docs/retries.md");
    const unconditional = forced.documentRequests.filter((request) => request.headers["if-none-match"] === undefined).map((request) => request.path);
    expect(unconditional).toEqual(["/docs/retries.md"]);
    expect(forced.documentRequests.length).toBeGreaterThan(1);
    const batchCalls = forced.calls.filter((call) => call.question === "summarize" || call.question === "topic");
    expect(batchCalls.map((call) => [call.question, call.documentIds]).sort()).toEqual([["summarize", [id]], ["topic", [id]]]);
    expect(synthesised(forced.calls)).toEqual(topicsFedBy(forced.analysis, id));
    expect(forced.calls).toHaveLength(2 + topicsFedBy(forced.analysis, id).length);

    // The flag is for that run only.
    expect((await run("after-force")).calls).toEqual([]);
  }, 120_000);

  it("--no-cache asks every question again but still writes the answers", async () => {
    // A state file of its own, so the first --no-cache run is what fills its cache.
    const first = await run("no-cache-1", ["--no-cache"], "no-cache.db");
    const second = await run("no-cache-2", ["--no-cache"], "no-cache.db");
    const third = await run("no-cache-3", [], "no-cache.db");
    expect([first.code, second.code, third.code]).toEqual([0, 0, 0]);
    // The site changed since the first run (one document), which changes no count of questions.
    expect(first.calls).toHaveLength(fullRunCalls);
    expect(second.calls).toHaveLength(fullRunCalls);
    expect(third.calls).toEqual([]);
  }, 180_000);

  it("batches only the documents that miss the cache, so changed documents from different batches share one", async () => {
    // Small batches, in a state file of their own: the first run packs the 14 documents into several batches.
    const options = ["--batch-tokens", "6000"];
    const first = await run("repack-1", options, "repack.db");
    expect(first.code).toBe(0);
    const firstBatches = first.calls.filter((call) => call.question === "summarize").map((call) => call.documentIds);
    expect(firstBatches.length).toBeGreaterThanOrEqual(3);
    // The first document of each of the first two batches changes.
    const changedIds = [firstBatches[0]![0]!, firstBatches[1]![0]!];
    for (const id of changedIds) {
      const path = new URL(first.manifest.documents.find((document) => document.id === id)!.url).pathname;
      bodies.set(path, `${bodies.get(path) ?? readFileSync(`examples${path}`, "utf8")}\nA sentence added for the repack test.\n`);
    }

    const second = await run("repack-2", options, "repack.db");
    expect(second.code).toBe(0);
    const batchCalls = second.calls.filter((call) => call.question === "summarize" || call.question === "topic");
    // One batch of both, not one call per old batch with the cached documents left out.
    expect(batchCalls.map((call) => [call.question, [...call.documentIds].sort()]).sort()).toEqual([["summarize", [...changedIds].sort()], ["topic", [...changedIds].sort()]]);
    expect(second.manifest.coverage).toEqual({ total: 14, analysed: 14, failed: 0, skipped: 0 });
  }, 120_000);
});
