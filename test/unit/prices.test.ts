import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCostGuard } from "../../src/prices/cost-guard.ts";
import { costOf, loadPriceTable, priceOf } from "../../src/prices/price-table.ts";
import { runCost } from "../../src/prices/run-cost.ts";
import type { ThrottledRequest } from "../../src/providers/openai/answer-engine.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";

describe("the price table", () => {
  it("ships dated prices of the small OpenAI models, per 1M tokens", () => {
    const table = loadPriceTable();
    expect(table.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(table.source).toContain("openai.com");
    expect(priceOf(table, "gpt-4.1-mini")).toEqual({ input: 0.4, cachedInput: 0.1, output: 1.6 });
    // A dated snapshot name is priced as its model; an unknown model has no price (its cost is unknown, not 0).
    expect(priceOf(table, "gpt-4o-mini-2024-07-18")).toEqual(priceOf(table, "gpt-4o-mini"));
    expect(priceOf(table, "llama3.1")).toBeUndefined();
    expect(costOf({ inputTokens: 1_000_000, cachedInputTokens: 400_000, outputTokens: 500_000 }, { input: 0.4, cachedInput: 0.1, output: 1.6 })).toBeCloseTo(0.24 + 0.04 + 0.8, 10);
  });

  it("takes a user's file model by model over the shipped table, and names the file and field of a bad entry", () => {
    const folder = temporaryFolder();
    const file = join(folder, "prices.json");
    writeFileSync(file, JSON.stringify({ models: { "gpt-4.1-mini": { input: 1, output: 2 }, "llama3.1": { input: 0, output: 0 } } }));
    const table = loadPriceTable({ file });
    expect([priceOf(table, "gpt-4.1-mini"), priceOf(table, "llama3.1"), priceOf(table, "gpt-4o")?.input]).toEqual([{ input: 1, output: 2 }, { input: 0, output: 0 }, 2.5]);
    expect(table.overrideFile).toBe(file);
    writeFileSync(file, JSON.stringify({ models: { "gpt-4.1-mini": { input: "cheap", output: 2 } } }));
    expect(() => loadPriceTable({ file })).toThrow(`prices file ${file}: models.gpt-4.1-mini.input: `);
    writeFileSync(file, JSON.stringify({ models: { x: { input: 1, output: 2, discount: 3 } } }));
    expect(() => loadPriceTable({ file })).toThrow(`prices file ${file}: models.x: `);
    writeFileSync(file, "{ not json");
    expect(() => loadPriceTable({ file })).toThrow(`prices file ${file}: not JSON`);
  });
});

describe("runCost", () => {
  const prices = { models: { small: { input: 1, cachedInput: 0.5, output: 2 } } };
  it("prices each node, splits a batch call among its documents by tokens (parts to their document), and the topic's synthesis", () => {
    const cost = runCost({
      prices,
      tokensOf: (id) => ({ a: 300, b: 100, "c#part-1": 200, "c#part-2": 200 })[id],
      calls: [
        { question: "summarize", model: "small", inputTokens: 1_000_000, outputTokens: 0, cachedInputTokens: 0, documentIds: ["a", "b"] },
        { question: "topic", model: "small", inputTokens: 0, outputTokens: 1_000_000, cachedInputTokens: 0, documentIds: ["c#part-1", "c#part-2"] },
        { question: "synthesize", model: "small", inputTokens: 1_000_000, outputTokens: 0, cachedInputTokens: 1_000_000, topicId: "auth" },
      ],
    });
    expect(cost.totalUsd).toBe(3.5);
    expect(cost.byNode["summarize"]).toEqual({ calls: 1, inputTokens: 1_000_000, outputTokens: 0, cachedInputTokens: 0, costUsd: 1 });
    expect(cost.byDocument).toEqual({ a: 0.75, b: 0.25, c: 2 });
    expect(cost.byTopic).toEqual({ auth: 0.5 });
  });

  it("says the cost is unknown, not zero, when a model has no price", () => {
    const cost = runCost({ prices, calls: [{ question: "context", model: "llama3.1", inputTokens: 10, outputTokens: 10, cachedInputTokens: 0 }] });
    expect([cost.totalUsd, cost.byNode["context"]!.costUsd, cost.unpricedModels]).toEqual([null, null, ["llama3.1"]]);
  });
});

describe("the cost guard", () => {
  const prices = { models: { small: { input: 1, output: 1 } } };
  const request = (estimatedInputTokens: number, usage?: { inputTokens: number; outputTokens: number }): ThrottledRequest => ({
    question: "summarize",
    model: "small",
    estimatedInputTokens,
    maxOutputTokens: 0,
    response: () => (usage ? { status: 200, usage } : {}),
    onResponse: () => undefined,
  });

  it("admits while spent plus in-flight plus the next estimate fit the cap, then refuses every later request", async () => {
    const guard = createCostGuard({ maxCostUsd: 1, prices, models: ["small"], spentUsd: 0.5 });
    let sent = 0;
    const send = async () => (sent += 1);
    await guard.throttle(request(300_000, { inputTokens: 300_000, outputTokens: 0 }), send);
    expect(guard.spentUsd()).toBeCloseTo(0.8, 10);
    await expect(guard.throttle(request(300_000), send)).rejects.toThrow(/^cost limit reached: spent \$0\.8000 of --max-cost \$1\.00/);
    // Once stopped, even a request that would fit is refused: no new LLM work starts.
    await expect(guard.throttle(request(10), send)).rejects.toMatchObject({ code: "COST_LIMIT" });
    expect(sent).toBe(1);
  });

  it("refuses to guard a model it cannot price", () => {
    expect(() => createCostGuard({ maxCostUsd: 1, prices, models: ["llama3.1"] })).toThrow('--max-cost needs the price of model "llama3.1"');
  });
});
