import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import type { RunManifest } from "../../src/types.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";
import { describeCall } from "../helpers/llm-calls.ts";
import { generateFromSchema, readPromptFacts } from "../helpers/mock-openai-answers.ts";
import { type MockOpenAIServer, type RecordedRequest, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";

// The first array of per-document answers in a generated answer, wherever the schema nests it.
function documentAnswers(value: unknown): Array<{ documentId: string }> | undefined {
  if (Array.isArray(value)) return value.length > 0 && value.every((item) => typeof item?.documentId === "string") ? value : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  for (const child of Object.values(value)) {
    const found = documentAnswers(child);
    if (found) return found;
  }
  return undefined;
}

// Issue 5: "Answers map back by document id; a document missing from a batch answer is retried alone, never lost."
describe("a document missing from a batch answer", () => {
  let mock: MockOpenAIServer;
  let dropped: string | undefined;
  beforeAll(async () => {
    // The first summarize answer for a batch of several documents leaves its first document out.
    const respond = (request: RecordedRequest) => {
      const call = describeCall(request);
      const schema = request.body?.response_format?.json_schema?.schema;
      if (dropped !== undefined || call.question !== "summarize" || call.documentIds.length < 2 || !schema) return undefined;
      const answer = generateFromSchema(schema, readPromptFacts(request.body.messages));
      const answers = documentAnswers(answer)!;
      dropped = call.documentIds[0];
      answers.splice(answers.findIndex((item) => item.documentId === dropped), 1);
      return { answer };
    };
    mock = await startMockOpenAIServer({ respond });
  });
  afterAll(() => mock.close());

  it("is asked again alone, its batch-mates are not asked again, and every document is analysed", async () => {
    const folder = temporaryFolder();
    const args = ["run", "examples/llms.txt", "--provider", "openai", "--base-url", mock.baseUrl, "--model", "mock-small", "--out", join(folder, "out"), "--state", join(folder, "state.db")];
    expect(await main(args, { stdout: () => undefined, stderr: () => undefined })).toBe(0);
    expect(dropped).toBeDefined();
    const summarizeCalls = mock.completions().map(describeCall).filter((call) => call.question === "summarize");
    const asked = summarizeCalls.flatMap((call) => call.documentIds);
    // Twice for the dropped document (in its batch, then alone); once for every other document.
    expect(asked.filter((id) => id === dropped)).toHaveLength(2);
    expect(summarizeCalls.filter((call) => call.documentIds.length === 1 && call.documentIds[0] === dropped)).toHaveLength(1);
    expect(new Set(asked.filter((id) => id !== dropped)).size).toBe(asked.length - 2);
    const manifest = JSON.parse(readFileSync(join(folder, "out", "run.json"), "utf8")) as RunManifest;
    expect(manifest.coverage).toEqual({ total: 14, analysed: 14, failed: 0, skipped: 0 });
  });
});
