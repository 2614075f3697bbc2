import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadPrompts } from "../../src/prompts.ts";
import { contextPromptTokens } from "../../src/providers/openai/prompt-estimates.ts";
import { countTokens } from "../../src/tokens.ts";
import { analyserFor, contextInput } from "../fixtures/openai-batch.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";

let server: MockOpenAIServer;
beforeEach(async () => {
  // Only plain text is accepted, so the answer format, schema included, is written into the prompt itself.
  server = await startMockOpenAIServer({ behaviour: { rejectJsonSchema: true, rejectTools: true, rejectJsonObject: true } });
});
afterEach(async () => {
  await server.close();
});

describe("prompt token estimates", () => {
  it("count exactly the prompt the text method sends, its answer schema as the prompt shows it", async () => {
    await analyserFor(server, { landingPageCharacters: 32_000 }).buildContext(contextInput);
    const sent = server.completions().at(-1)!.body;
    expect(sent.response_format ?? sent.tools).toBeUndefined();
    const text = sent.messages.map((message: { content: string }) => message.content).join("\n");
    expect(text).toContain('"properties"');
    expect(contextPromptTokens(loadPrompts(), contextInput, { pageCharacters: 32_000 })).toBe(countTokens(text));
  });
});
