import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { main } from "../../src/cli.ts";
import type { RunManifest } from "../../src/types.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";
import { readOutputFolder, splitFrontMatter } from "../helpers/output-links.ts";

describe("document-it report after a run against an OpenAI-compatible endpoint", { timeout: 240_000 }, () => {
  let mock: MockOpenAIServer;
  beforeAll(async () => {
    mock = await startMockOpenAIServer();
  });
  afterAll(() => mock.close());

  it("writes every output again from the stored analyses with zero requests to the endpoint", async () => {
    const folder = temporaryFolder();
    const state = join(folder, "state.db");
    const run = ["run", "examples/llms.txt", "--provider", "openai", "--base-url", mock.baseUrl, "--model", "mock-small", "--out", join(folder, "first"), "--state", state, "--run-id", "llm-run"];
    const runLines: string[] = [];
    expect(await main(run, { stdout: (line) => runLines.push(line), stderr: (line) => runLines.push(line) }), runLines.join("\n")).toBe(0);
    const requestsAfterRun = mock.requests.length;
    expect(mock.completions().length).toBeGreaterThan(0);

    const lines: string[] = [];
    const code = await main(["report", "llm-run", "--state", state, "--out", join(folder, "again")], { stdout: (line) => lines.push(line), stderr: (line) => lines.push(line) });
    expect(code, lines.join("\n")).toBe(0);
    expect(mock.requests.length - requestsAfterRun).toBe(0);

    const first = readOutputFolder(join(folder, "first"));
    const again = readOutputFolder(join(folder, "again"));
    expect([...again.keys()].sort()).toEqual([...first.keys()].sort());
    // Only llms.txt names its own folder; everything else is the same, byte for byte.
    expect([...first].filter(([path, content]) => again.get(path) !== content).map(([path]) => path)).toEqual(["llms.txt"]);

    // The pages say which prompts and model made them.
    const manifest = JSON.parse(first.get("run.json")!) as RunManifest;
    expect(Object.keys(manifest.promptVersions ?? {})).toEqual(expect.arrayContaining(["context", "summarize", "synthesize", "topic"]));
    const topic = [...first.keys()].find((path) => path.startsWith("topics/"))!;
    const fields = parseYaml(splitFrontMatter(first.get(topic)!).frontMatter!) as { model: string; provider: string; prompt_versions: Record<string, string> };
    expect(fields).toMatchObject({ provider: "openai", model: "mock-small", prompt_versions: manifest.promptVersions });
    expect(fields.prompt_versions["synthesize"]).toMatch(/synthesize@/);
  });
});
