import { ChatOpenAI } from "@langchain/openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ProviderError } from "../../src/providers/errors.ts";
import { type OpenAIAnalyserOptions, type UsageReport } from "../../src/providers/openai/index.ts";
import { BatchAnswerSchema } from "../../src/providers/openai/schemas.ts";
import { analyserFor, context, documents, synthesisInput } from "../fixtures/openai-batch.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";

let server: MockOpenAIServer;
beforeEach(async () => {
  server = await startMockOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const analyser = (options: Partial<OpenAIAnalyserOptions> = {}) => analyserFor(server, options);

/** Each chat completion request as "format:status". */
function wire(): string[] {
  return server.completions().map((request) => `${request.format}:${request.status}`);
}

function lastMessage(index: number): string {
  return server.completions()[index]!.body.messages.at(-1).content;
}

describe("structured output fallback ladder", () => {
  it("uses json_schema when the endpoint takes it", async () => {
    const subject = analyser();
    await subject.topics({ context, documents });
    expect(wire()).toEqual(["json_schema:200"]);
    expect(server.completions()[0]!.body.response_format.json_schema.name).toBe("batch_answer");
    expect(subject.structuredOutputMethods()).toEqual({ "mock-model": "jsonSchema" });
  });

  it("sends the strict JSON Schema LangChain makes of the zod schema (converted once, not per request)", async () => {
    await analyser().topics({ context, documents });
    // What ChatOpenAI itself sends for a zod schema under json_schema (a protected method, reached for the comparison).
    const langchain = new ChatOpenAI({ model: "mock-model", apiKey: "unused" }) as unknown as { _getResponseFormat: (format: unknown) => unknown };
    const expected = langchain._getResponseFormat({ type: "json_schema", json_schema: { name: "batch_answer", schema: BatchAnswerSchema } });
    expect(server.completions()[0]!.body.response_format).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(server.completions()[0]!.body.response_format.json_schema.schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("falls back to a forced tool call when json_schema is rejected, and goes straight to it afterwards", async () => {
    server.behaviour.rejectJsonSchema = true;
    const subject = analyser();
    expect(await subject.topics({ context, documents })).toHaveLength(2);
    await subject.summarize({ context, documents });
    await subject.synthesize(synthesisInput());
    expect(wire()).toEqual(["json_schema:400", "tools:200", "tools:200", "tools:200"]);
    expect(server.completions()[1]!.body.tool_choice).toEqual({ type: "function", function: { name: "batch_answer" } });
    expect(subject.structuredOutputMethods()).toEqual({ "mock-model": "functionCalling" });
  });

  it("falls back to JSON mode with the schema in the prompt when tools are rejected too", async () => {
    Object.assign(server.behaviour, { rejectJsonSchema: true, rejectTools: true });
    const subject = analyser();
    expect(await subject.topics({ context, documents })).toHaveLength(2);
    await subject.topics({ context, documents });
    expect(wire()).toEqual(["json_schema:400", "tools:400", "json_object:200", "json_object:200"]);
    expect(lastMessage(2)).toContain('It must match this JSON Schema:\n\n```json\n{\n  "type": "object"');
    expect(lastMessage(2)).toMatch(/"question": \{\s*"type": "string",\s*"enum": \[\s*"topic"\s*\]/);
  });

  it("falls back to plain text when every structured output method is rejected", async () => {
    Object.assign(server.behaviour, { rejectJsonSchema: true, rejectTools: true, rejectJsonObject: true });
    const subject = analyser();
    // The mock's plain-text answer wraps the JSON in prose and a code fence.
    expect((await subject.topics({ context, documents })).map((answer) => answer.documentId)).toEqual(["doc-signing", "doc-retries"]);
    await subject.summarize({ context, documents });
    expect(wire()).toEqual(["json_schema:400", "tools:400", "json_object:400", "text:200", "text:200"]);
    expect(server.completions()[3]!.body.response_format).toBeUndefined();
    expect(server.completions()[3]!.body.tools).toBeUndefined();
    expect(subject.structuredOutputMethods()).toEqual({ "mock-model": "text" });
  });

  it("repairs a plain-text answer once when it fails its schema", async () => {
    Object.assign(server.behaviour, { rejectJsonSchema: true, rejectTools: true, rejectJsonObject: true, invalidAnswers: 1 });
    expect(await analyser().topics({ context, documents })).toHaveLength(2);
    expect(wire()).toEqual(["json_schema:400", "tools:400", "json_object:400", "text:200", "text:200"]);
    expect(lastMessage(4)).toMatch(/^Your previous answer cannot be used: the answer does not match the schema: question: /);
  });

  it("remembers the method per model: a different synthesis model climbs the ladder on its own", async () => {
    server.behaviour.rejectJsonSchema = true;
    const subject = analyser({ synthesisModel: "big-model" });
    await subject.topics({ context, documents });
    await subject.synthesize(synthesisInput());
    expect(server.completions().map((request) => `${request.body.model}:${request.format}:${request.status}`)).toEqual([
      "mock-model:json_schema:400",
      "mock-model:tools:200",
      "big-model:json_schema:400",
      "big-model:tools:200",
    ]);
  });

  it("steps down without a request when LangChain refuses json_schema for the model", async () => {
    const subject = analyser({ model: "gpt-4-0613" });
    expect(await subject.topics({ context, documents })).toHaveLength(2);
    expect(wire()).toEqual(["tools:200"]);
    expect(subject.structuredOutputMethods()).toEqual({ "gpt-4-0613": "functionCalling" });
  });

  it("remembers the method per analyser instance", async () => {
    server.behaviour.rejectJsonSchema = true;
    await analyser().topics({ context, documents });
    await analyser().topics({ context, documents });
    expect(wire()).toEqual(["json_schema:400", "tools:200", "json_schema:400", "tools:200"]);
  });

  it("never falls back on a 400 that is not about the output format", async () => {
    server.script.push({ status: 400, body: { error: { message: "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens (120 in the functions)." } } });
    const failure = analyser().topics({ context, documents });
    await expect(failure).rejects.toThrow("the topic request to model mock-model failed with HTTP 400: This model's maximum context length is 8192 tokens.");
    await expect(failure).rejects.toMatchObject({ status: 400, isRetryable: false, code: "ANALYSIS_FAILED" });
    expect(wire()).toEqual(["json_schema:400"]);
  });
});

describe("repair of an answer that fails its schema", () => {
  it("repairs once with the validation error and the previous answer, on the same method", async () => {
    server.behaviour.invalidAnswers = 1;
    const usage: UsageReport[] = [];
    expect(await analyser({ onUsage: (report) => usage.push(report) }).summarize({ context, documents })).toHaveLength(2);
    expect(wire()).toEqual(["json_schema:200", "json_schema:200"]);
    const [first, second] = server.completions();
    expect(second!.body.messages.slice(0, -1)).toEqual(first!.body.messages);
    expect(lastMessage(1)).toContain('the answer does not match the schema: question: Invalid input: expected "summarize"; documents: Invalid input: expected array, received undefined');
    expect(lastMessage(1)).toContain('<previous-answer>\n{"unexpected":"an answer that fails the schema"}\n</previous-answer>');
    expect(usage.map((report) => report.repair)).toEqual([false, true]);
  });

  it("repairs an answer cut off at the token limit", async () => {
    server.behaviour.truncatedAnswers = 1;
    expect(await analyser().topics({ context, documents })).toHaveLength(2);
    expect(wire()).toEqual(["json_schema:200", "json_schema:200"]);
    expect(lastMessage(1)).toMatch(/^Your previous answer cannot be used: the answer is not valid JSON; it was cut off at the output token limit/);
  });

  it("repairs a tool call whose arguments fail the schema", async () => {
    Object.assign(server.behaviour, { rejectJsonSchema: true, invalidAnswers: 1 });
    expect(await analyser().synthesize(synthesisInput())).toMatchObject({ topicId: "webhook-signing" });
    expect(wire()).toEqual(["json_schema:400", "tools:200", "tools:200"]);
    expect(lastMessage(2)).toContain("the answer does not match the schema: overview: Invalid input: expected array, received undefined");
  });

  it("throws an error saying the answer failed its schema when the repair fails too", async () => {
    server.behaviour.invalidAnswers = 2;
    const failure = analyser().summarize({ context, documents });
    await expect(failure).rejects.toBeInstanceOf(ProviderError);
    await expect(failure).rejects.toThrow(/^the summarize answer failed its schema, also after one repair attempt \(jsonSchema\): the answer does not match the schema: question: /);
    expect(wire()).toEqual(["json_schema:200", "json_schema:200"]);
  });

  it("treats an answer to the other batch question as failing its schema", async () => {
    server.script.push({ answer: { answer: { question: "topic", documents: [] } } });
    expect(await analyser().summarize({ context, documents })).toHaveLength(2);
    expect(lastMessage(1)).toContain('question: Invalid input: expected "summarize"');
  });
});
