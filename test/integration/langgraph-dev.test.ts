import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/types.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";
import { unusedPort } from "../helpers/ports.ts";

const LANGGRAPH_CLI = resolve("node_modules/.bin/langgraphjs");

// Polls the server's health route; a server that exits first fails at once with its output.
async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`langgraphjs dev exited with ${child.exitCode}:\n${output()}`);
    const ok = await fetch(`${url}/ok`).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`langgraphjs dev did not answer within 120 s:\n${output()}`);
}

describe("the graph under `langgraphjs dev`, driven through the LangGraph SDK", () => {
  let server: ChildProcess;
  let output = "";
  let client: Client;
  let assistantId: string;
  let mock: MockOpenAIServer;

  beforeAll(async () => {
    mock = await startMockOpenAIServer();
    const port = await unusedPort();
    const { LANGSMITH_TRACING: _tracing, LANGCHAIN_TRACING_V2: _tracingV2, OPENAI_API_KEY: _key, ...environment } = process.env;
    // Its own process group, so the server and the workers it starts are stopped together.
    server = spawn(LANGGRAPH_CLI, ["dev", "--port", String(port), "--host", "127.0.0.1", "--no-browser", "--no-reload"], {
      env: { ...environment, LANGGRAPH_CLI_NO_ANALYTICS: "1" },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const url = `http://127.0.0.1:${port}`;
    await waitUntilServing(url, server, () => output);
    client = new Client({ apiUrl: url });
    const [assistant] = await client.assistants.search({ graphId: "document_it" });
    assistantId = assistant!.assistant_id;
  }, 150_000);

  afterAll(async () => {
    if (server?.pid !== undefined && server.exitCode === null) {
      const exited = new Promise((done) => server.once("exit", done));
      process.kill(-server.pid, "SIGTERM");
      const timer = setTimeout(() => process.kill(-server.pid!, "SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await mock?.close();
  }, 15_000);

  it("shows Studio an input form with only the source and its options, and the configuration form", async () => {
    const schemas = await client.assistants.getSchemas(assistantId);
    expect(Object.keys(schemas.input_schema?.["properties"] ?? {})).toEqual(["source", "maxDocs"]);
    expect(schemas.input_schema?.["required"]).toEqual(["source"]);
    const configuration = Object.keys(schemas.context_schema?.["properties"] ?? {});
    for (const field of ["provider", "model", "synthesisModel", "baseUrl", "prompts", "promptsDirectory", "concurrency", "batchTokens", "maxBatchDocuments", "maxTopics", "llmTimeoutMs", "outDir"]) {
      expect(configuration).toContain(field);
    }
    expect(schemas.config_schema?.["properties"]).toEqual(schemas.context_schema?.["properties"]);
    // The API key is read from the environment only: no form field asks for it.
    expect(configuration.filter((field) => /key|secret|token$/i.test(field))).toEqual([]);
    const drawing = await client.assistants.getGraph(assistantId);
    expect(drawing.nodes.map((node) => node.id)).toEqual(expect.arrayContaining(["discover", "extract", "summarize", "topic", "relate", "synthesize", "report"]));
  });

  it("runs the graph against the mock LLM with the source as input and the provider as context", async () => {
    const folder = temporaryFolder();
    const outDir = join(folder, "out");
    const thread = await client.threads.create();
    const values = (await client.runs.wait(thread.thread_id, assistantId, {
      input: { source: resolve("examples/llms.txt"), maxDocs: 3 },
      context: { provider: "openai", baseUrl: mock.baseUrl, model: "mock-small", statePath: join(folder, "state.db"), outDir },
    })) as { output?: { outDir: string; files: number }; documents?: Record<string, { status: string }> };

    expect(values.output?.outDir).toBe(outDir);
    expect(values.output?.files).toBeGreaterThan(0);
    const statuses = Object.values(values.documents ?? {}).map((document) => document.status);
    expect(statuses.filter((status) => status === "analysed")).toHaveLength(3);
    const manifest = JSON.parse(readFileSync(join(outDir, "run.json"), "utf8")) as RunManifest;
    expect(manifest.runId).toBe(thread.thread_id);
    expect(manifest.coverage).toMatchObject({ analysed: 3, failed: 0 });
    expect(existsSync(join(outDir, "index.md"))).toBe(true);

    // The analysis went to the mock endpoint, with the model the context named.
    const models = new Set(mock.completions().map((request) => request.body.model));
    expect(models).toEqual(new Set(["mock-small"]));
    expect(mock.completions().length).toBe(Object.values(manifest.usage ?? {}).reduce((sum, question) => sum + question.calls, 0));
    const state = await client.threads.getState(thread.thread_id);
    expect(state.next).toEqual([]);
  }, 120_000);
});
