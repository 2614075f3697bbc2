import { afterEach, describe, expect, it } from "vitest";
import { generateFromSchema, readPromptFacts } from "../helpers/mock-openai-answers.ts";
import { type MockOpenAIServer, type MockOpenAIServerOptions, roughTokens, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";

let server: MockOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: MockOpenAIServerOptions = {}): Promise<MockOpenAIServer> {
  server = await startMockOpenAIServer(options);
  return server;
}

async function post(body: unknown): Promise<{ status: number; headers: Headers; json: any }> {
  const response = await fetch(`${server!.baseUrl}/chat/completions`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer k" }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

const documentsPrompt = '<document id="a" url="u"># One\n\n## Two\n</document>\n<document id="b" url="v">text</document>';
const schema = {
  type: "object",
  properties: {
    kind: { type: "string", enum: ["first", "second"] },
    score: { type: "integer", minimum: 1, maximum: 10 },
    share: { type: "number", minimum: 0, maximum: 1 },
    tags: { type: "array", items: { type: "string" }, minItems: 3 },
    one: { type: "array", items: { type: "string" }, maxItems: 1 },
    entries: { type: "array", items: { $ref: "#/$defs/entry" } },
  },
  required: ["kind", "score", "share", "tags", "one", "entries"],
  additionalProperties: false,
  $defs: { entry: { type: "object", properties: { documentId: { type: "string" }, heading: { type: "string" }, flag: { type: "boolean" } } } },
};

describe("generateFromSchema", () => {
  it("fills every property within enums and bounds, one entry per prompt document, following $refs", () => {
    const facts = readPromptFacts([{ content: documentsPrompt }]);
    expect(generateFromSchema(schema, facts)).toEqual({
      kind: "first",
      score: 6,
      share: 0.5,
      tags: ["Tags 1", "Tags 2", "Tags 3"],
      one: ["One 1"],
      entries: [
        { documentId: "a", heading: "One", flag: true },
        { documentId: "b", heading: "", flag: true },
      ],
    });
  });

  it("picks the anyOf branch whose single enum value the last message quotes", () => {
    const union = {
      type: "object",
      properties: { answer: { anyOf: [
        { type: "object", properties: { question: { type: "string", enum: ["summarize"] } } },
        { type: "object", properties: { question: { type: "string", enum: ["topic"] }, n: { type: "integer" } } },
      ] } },
    };
    const facts = readPromptFacts([{ content: 'Say "summarize" or "topic"' }, { content: 'Set "question" to "topic".' }]);
    expect(generateFromSchema(union, facts)).toEqual({ answer: { question: "topic", n: 1 } });
  });
});

describe("mock OpenAI server", () => {
  it("answers json_schema with schema-valid content, records the request, and reports usage", async () => {
    await start();
    const body = { model: "m", messages: [{ role: "user", content: documentsPrompt }], response_format: { type: "json_schema", json_schema: { name: "x", schema } } };
    const { status, json } = await post(body);
    expect(status).toBe(200);
    expect(JSON.parse(json.choices[0].message.content).entries.map((entry: { documentId: string }) => entry.documentId)).toEqual(["a", "b"]);
    expect(json.choices[0].finish_reason).toBe("stop");
    const promptTokens = roughTokens(JSON.stringify({ tools: null, response_format: body.response_format })) + roughTokens(JSON.stringify(body.messages[0]));
    expect(json.usage).toEqual({ prompt_tokens: promptTokens, completion_tokens: roughTokens(json.choices[0].message.content), total_tokens: promptTokens + roughTokens(json.choices[0].message.content), prompt_tokens_details: { cached_tokens: 0 } });
    expect(server!.requests).toHaveLength(1);
    expect(server!.requests[0]).toMatchObject({ method: "POST", path: "/v1/chat/completions", format: "json_schema", status: 200, body });
    expect(server!.requests[0]!.headers.authorization).toBe("Bearer k");
  });

  it("counts the tokens of a prefix an earlier request shared as cached", async () => {
    await start();
    const system = { role: "system", content: "s".repeat(400) };
    const shared = { role: "user", content: "d".repeat(800) };
    await post({ model: "m", messages: [system, shared, { role: "user", content: "first question" }] });
    const { json } = await post({ model: "m", messages: [system, shared, { role: "user", content: "second question" }] });
    const expected = [JSON.stringify({ tools: null, response_format: null }), JSON.stringify(system), JSON.stringify(shared)].reduce((sum, part) => sum + roughTokens(part), 0);
    expect(json.usage.prompt_tokens_details.cached_tokens).toBe(expected);
  });

  it("answers tools with a call of the chosen function, and JSON mode with the schema the prompt shows", async () => {
    await start();
    const tools = [{ type: "function", function: { name: "other", parameters: { type: "object", properties: {} } } }, { type: "function", function: { name: "x", parameters: schema } }];
    const called = await post({ model: "m", messages: [{ role: "user", content: documentsPrompt }], tools, tool_choice: { type: "function", function: { name: "x" } } });
    expect(called.json.choices[0].finish_reason).toBe("tool_calls");
    expect(called.json.choices[0].message.tool_calls[0].function.name).toBe("x");
    expect(JSON.parse(called.json.choices[0].message.tool_calls[0].function.arguments).score).toBe(6);
    const prompt = `${documentsPrompt}\n\nMatch this JSON Schema:\n\n\`\`\`json\n${JSON.stringify(schema)}\n\`\`\``;
    const json = await post({ model: "m", messages: [{ role: "user", content: prompt }], response_format: { type: "json_object" } });
    expect(JSON.parse(json.json.choices[0].message.content).kind).toBe("first");
  });

  it("rejects structured output methods like vLLM, Ollama and LM Studio do", async () => {
    await start({ behaviour: { rejectJsonSchema: true, rejectTools: true, rejectJsonObject: true } });
    const messages = [{ role: "user", content: "hi" }];
    expect(await post({ model: "m", messages, response_format: { type: "json_schema", json_schema: { name: "x", schema } } })).toMatchObject({ status: 400, json: { message: "response_format type 'json_schema' is not supported by this server" } });
    expect(await post({ model: "m", messages, tools: [{ type: "function", function: { name: "x", parameters: schema } }] })).toMatchObject({ status: 400, json: { error: { message: "registry.ollama.ai/library/mock does not support tools" } } });
    expect(await post({ model: "m", messages, response_format: { type: "json_object" } })).toMatchObject({ status: 400, json: { error: "'response_format.type' must be 'json_schema' or 'text'" } });
    expect((await post({ model: "m", messages })).status).toBe(200);
  });

  it("fails the next N requests, cuts off or breaks the next answers, and plays scripted responses first", async () => {
    await start({ behaviour: { failures: { status: 429, count: 1, retryAfter: "3" }, truncatedAnswers: 1, invalidAnswers: 1 } });
    const body = { model: "m", messages: [{ role: "user", content: "x" }], response_format: { type: "json_schema", json_schema: { name: "x", schema } } };
    const limited = await post(body);
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "3"]);
    const truncated = await post(body);
    expect(truncated.json.choices[0].finish_reason).toBe("length");
    expect(() => JSON.parse(truncated.json.choices[0].message.content)).toThrow();
    expect(JSON.parse((await post(body)).json.choices[0].message.content)).toEqual({ unexpected: "an answer that fails the schema" });
    server!.script.push({ status: 502, body: { error: { message: "bad gateway" } } }, { answer: { kind: "second" } });
    expect((await post(body)).status).toBe(502);
    expect(JSON.parse((await post(body)).json.choices[0].message.content)).toEqual({ kind: "second" });
    expect(JSON.parse((await post(body)).json.choices[0].message.content).kind).toBe("first");
  });

  it("enforces requests per minute over a sliding minute", async () => {
    let now = 1_000_000;
    await start({ limits: { requestsPerMinute: 1 }, now: () => now });
    const body = { model: "m", messages: [{ role: "user", content: "x" }] };
    expect((await post(body)).status).toBe(200);
    now += 20_000;
    const limited = await post(body);
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "40"]);
    now += 40_000;
    expect((await post(body)).status).toBe(200);
  });
});
