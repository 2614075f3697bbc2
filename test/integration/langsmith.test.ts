import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import type { RunManifest } from "../../src/types.ts";
import { runCli } from "../helpers/cli-process.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { type LangSmithServer, type TracedRun, startLangSmithServer } from "../helpers/langsmith-server.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";
import { type StaticServer, startStaticServer } from "../helpers/static-server.ts";

const LANGSMITH_KEY = "test-key";
const OPENAI_KEY = "sk-test-openai-key-9b1f";
const RUN_ID = "traced-run";

describe("LangSmith tracing of a CLI run", () => {
  let langsmith: LangSmithServer;
  let mock: MockOpenAIServer;
  let site: StaticServer;
  let result: { code: number | null; stdout: string; stderr: string };
  let manifest: RunManifest;
  let runs: TracedRun[];

  beforeAll(async () => {
    [langsmith, mock, site] = await Promise.all([startLangSmithServer(), startMockOpenAIServer(), startStaticServer({ root: resolve("examples") })]);
    const folder = temporaryFolder();
    const env = { ...process.env, LANGSMITH_TRACING: "true", LANGSMITH_ENDPOINT: langsmith.url, LANGSMITH_API_KEY: LANGSMITH_KEY, LANGSMITH_PROJECT: "document-it-test", OPENAI_API_KEY: OPENAI_KEY };
    const args = ["run", `${site.url}llms.txt`, "--provider", "openai", "--base-url", mock.baseUrl, "--model", "mock-small", "--max-docs", "5", "--batch-tokens", "6000"];
    result = await runCli({ args: [...args, "--out", join(folder, "out"), "--state", join(folder, "state.db"), "--run-id", RUN_ID], env });
    manifest = JSON.parse(readFileSync(join(folder, "out", "run.json"), "utf8")) as RunManifest;
    runs = [...langsmith.runs.values()];
  }, 120_000);
  afterAll(() => Promise.all([langsmith.close(), mock.close(), site.close()]));

  const childrenOf = (parent: TracedRun) => runs.filter((run) => run.parent_run_id === parent.id);
  const metadataOf = (run: TracedRun) => run.extra?.metadata ?? {};
  // The run's nearest ancestor that is a graph node (a direct child of the root run).
  const nodeOf = (run: TracedRun): TracedRun | undefined => {
    const parent = runs.find((candidate) => candidate.id === run.parent_run_id);
    if (!parent) return undefined;
    return parent.parent_run_id === root().id ? parent : nodeOf(parent);
  };
  const root = () => runs.find((run) => run.parent_run_id === undefined)!;

  it("receives every run of the CLI process, each with its end", () => {
    expect(result.code, result.stderr).toBe(0);
    expect(langsmith.requests.some((request) => request.method === "POST" && request.path === "/runs/multipart")).toBe(true);
    // Every run that started also ended: the CLI flushed the last batch before exiting.
    expect(runs.length).toBeGreaterThan(20);
    expect(runs.filter((run) => run.end_time === undefined).map((run) => run.name)).toEqual([]);
  });

  it("has one root run for the graph, tagged with the run id, and a run per node", () => {
    const roots = runs.filter((run) => run.parent_run_id === undefined);
    expect(roots.map((run) => run.name)).toEqual(["document-it"]);
    expect(root().tags).toContain(`run:${RUN_ID}`);
    expect(metadataOf(root())).toMatchObject({ thread_id: RUN_ID, document_it_run_id: RUN_ID });
    const nodes = childrenOf(root()).map((run) => run.name);
    for (const node of ["discover", "globalContext", "extract", "planBatches", "summarize", "topic", "relate", "synthesize", "report"]) expect(nodes).toContain(node);
    // Five documents make one extract task; each document is a run of its own under it, named and tagged by its id.
    const extractRuns = childrenOf(root()).filter((run) => run.name === "extract");
    expect(extractRuns).toHaveLength(1);
    const documentRuns = childrenOf(extractRuns[0]!);
    expect(documentRuns.map((run) => run.name).sort()).toEqual(manifest.documents.filter((document) => document.status !== "skipped").map((document) => `extract ${document.id}`).sort());
    for (const run of documentRuns) {
      const id = run.name.slice("extract ".length);
      expect(run.tags).toEqual(expect.arrayContaining([`run:${RUN_ID}`, `document:${id}`]));
      expect(metadataOf(run)).toMatchObject({ document_id: id, document_it_run_id: RUN_ID });
      expect(run.end_time).toBeDefined();
    }
    expect(nodes.filter((name) => name === "synthesize")).toHaveLength(manifest.topics.length);
  });

  it("names, tags and describes every LLM call by its batch, documents or topic, with the model, prompt version and tokens", () => {
    const llmRuns = runs.filter((run) => run.run_type === "llm");
    expect(llmRuns).toHaveLength(mock.completions().length);
    const byQuestion = (question: string) => llmRuns.filter((run) => metadataOf(run)["question"] === question);
    expect(byQuestion("context")).toHaveLength(1);
    expect(nodeOf(byQuestion("context")[0]!)?.name).toBe("globalContext");

    const documentIds = new Set(manifest.documents.filter((document) => document.status === "analysed").map((document) => document.id));
    for (const question of ["summarize", "topic"] as const) {
      const calls = byQuestion(question);
      const nodeRuns = childrenOf(root()).filter((run) => run.name === question);
      expect(calls).toHaveLength(nodeRuns.length);
      const named = new Set<string>();
      const tagged = new Set<string>();
      for (const call of calls) {
        const metadata = metadataOf(call);
        const batchId = metadata["batch_id"] as string;
        const ids = metadata["document_ids"] as string[];
        // The LLM run sits under a run named for its batch, under this question's node run.
        const namedParent = runs.find((run) => run.name === `${question} ${batchId}`)!;
        expect(nodeOf(call)?.name).toBe(question);
        expect(nodeOf(namedParent)?.id).toBe(nodeOf(call)?.id);
        named.add(namedParent.name);
        expect(call.tags).toEqual(expect.arrayContaining([`run:${RUN_ID}`, `batch:${batchId}`, ...ids.map((id) => `document:${id}`)]));
        expect(metadata).toMatchObject({ document_it_run_id: RUN_ID, model: "mock-small", ls_model_name: "mock-small", repair: false });
        expect(metadata["prompt_version"]).toMatch(new RegExp(`^system@1,batch@1,${question}@1,format@1,repair@1#[0-9a-f]{12}$`));
        for (const id of ids) tagged.add(id);
      }
      // Each batch is its own named run, and together they cover every analysed document.
      expect(named.size).toBe(nodeRuns.length);
      expect(tagged).toEqual(documentIds);
    }
    expect(Math.max(...byQuestion("summarize").map((run) => (metadataOf(run)["document_ids"] as string[]).length))).toBeGreaterThan(1);

    const synthesis = byQuestion("synthesize");
    expect(synthesis.map((run) => metadataOf(run)["topic_id"]).sort()).toEqual(manifest.topics.map((topic) => topic.id).sort());
    for (const call of synthesis) {
      const topicId = metadataOf(call)["topic_id"] as string;
      expect(nodeOf(call)?.name).toBe("synthesize");
      expect(runs.some((run) => run.name === `synthesize ${topicId}` && nodeOf(run)?.id === nodeOf(call)?.id)).toBe(true);
      expect(call.tags).toEqual(expect.arrayContaining([`run:${RUN_ID}`, `topic:${topicId}`]));
      expect(metadataOf(call)["prompt_version"]).toMatch(/^system@1,guideline@1,synthesize@2,format@1,repair@1#/);
    }

    // Token usage on every answered LLM run, as the endpoint reported it. A request that failed on the way (a reset
    // connection on a loaded machine, retried) is an LLM run with its error and no usage.
    const answered = llmRuns.filter((run) => run.error === undefined);
    expect(llmRuns.length - answered.length).toBe(mock.completions().filter((request) => request.status !== 200).length);
    const traced = answered.map((run) => metadataOf(run)["usage_metadata"] as { input_tokens: number; output_tokens: number });
    expect(traced.every((usage) => usage !== undefined)).toBe(true);
    const reported = mock.completions().flatMap((request) => (request.usage ? [request.usage] : []));
    expect(traced.reduce((sum, usage) => sum + usage.input_tokens, 0)).toBe(reported.reduce((sum, usage) => sum + usage.prompt_tokens, 0));
    expect(traced.reduce((sum, usage) => sum + usage.output_tokens, 0)).toBe(reported.reduce((sum, usage) => sum + usage.completion_tokens, 0));
  });

  it("sends neither API key anywhere but the LangSmith auth header (invariant 9)", () => {
    expect(langsmith.requests.length).toBeGreaterThan(0);
    for (const request of langsmith.requests) {
      expect(request.headers["x-api-key"]).toBe(LANGSMITH_KEY);
      expect(request.body).not.toContain(LANGSMITH_KEY);
      expect(request.body).not.toContain(OPENAI_KEY);
      const { "x-api-key": _auth, ...headers } = request.headers;
      expect(JSON.stringify(headers)).not.toContain(LANGSMITH_KEY);
    }
    // The OpenAI key went to the endpoint it is for, so the scan above had something to miss.
    expect(mock.completions()[0]?.headers["authorization"]).toBe(`Bearer ${OPENAI_KEY}`);
  });
});

// In this process, so the moment `main` returns can be observed: a spawned CLI lingers until its HTTP requests end.
describe("main flushes traces before it returns", () => {
  let langsmith: LangSmithServer;
  const saved = { ...process.env };
  beforeAll(async () => {
    langsmith = await startLangSmithServer();
    Object.assign(process.env, { LANGSMITH_TRACING: "true", LANGSMITH_ENDPOINT: langsmith.url, LANGSMITH_API_KEY: LANGSMITH_KEY });
  });
  afterAll(async () => {
    for (const name of ["LANGSMITH_TRACING", "LANGSMITH_ENDPOINT", "LANGSMITH_API_KEY"]) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    await langsmith.close();
  });
  const rootOf = (runId: string) => [...langsmith.runs.values()].find((run) => run.parent_run_id === undefined && run.extra?.metadata?.["thread_id"] === runId);
  const quiet = { stdout: () => undefined, stderr: () => undefined };

  it("on success: the root run has ended when main returns", async () => {
    const folder = temporaryFolder();
    const code = await main(["run", "examples/llms.txt", "--provider", "local", "--max-docs", "2", "--out", join(folder, "out"), "--state", join(folder, "state.db"), "--run-id", "flushed-run"], quiet);
    expect(code).toBe(0);
    expect(rootOf("flushed-run")?.end_time).toBeDefined();
    expect(rootOf("flushed-run")?.error).toBeUndefined();
  }, 60_000);

  it("on failure: the failed root run, with its error, has been sent when main returns", async () => {
    const folder = temporaryFolder();
    const code = await main(["run", join(folder, "missing", "llms.txt"), "--provider", "local", "--out", join(folder, "out"), "--state", join(folder, "state.db"), "--run-id", "failed-run"], quiet);
    expect(code).toBe(2);
    expect(rootOf("failed-run")?.end_time).toBeDefined();
    expect(rootOf("failed-run")?.error).toMatch(/missing/);
  }, 60_000);
});
