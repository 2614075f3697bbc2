import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveRuntime } from "../../graphs/services.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";

// Under `langgraph dev` nodes build services from the run's configuration and share them between runs that agree.
describe("resolveRuntime without injected services", () => {
  const statePath = join(temporaryFolder(), "state.db");
  const openai = { statePath, provider: "openai", baseUrl: "http://127.0.0.1:9/v1", model: "mock-small" };

  it("shares services between runs of the same configuration, whatever their output folder", () => {
    const first = resolveRuntime({ context: { ...openai, outDir: "a" } }).services;
    expect(resolveRuntime({ context: { ...openai, outDir: "b" } }).services).toBe(first);
  });

  it("builds new services when a prompt or the LLM timeout differs", () => {
    const base = resolveRuntime({ context: openai }).services;
    const edited = resolveRuntime({ context: { ...openai, prompts: { summarize: "Summarize {{documents}}." } } }).services;
    expect(edited).not.toBe(base);
    expect(edited.analyser.answerVersions?.summarize).not.toBe(base.analyser.answerVersions?.summarize);
    expect(resolveRuntime({ context: { ...openai, llmTimeoutMs: 5_000 } }).services).not.toBe(base);
  });
});
