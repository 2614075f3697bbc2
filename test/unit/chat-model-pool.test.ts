import { HumanMessage } from "@langchain/core/messages";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createChatModelPool } from "../../src/providers/openai/chat-model.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";

let server: MockOpenAIServer;
beforeEach(async () => {
  server = await startMockOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const settings = () => ({ baseUrl: server.baseUrl, apiKey: "test-key", timeoutMs: 10_000 });

describe("the chat model pool", () => {
  it("lends a model to one attempt at a time and lends it again, with a fresh exchange, once released", () => {
    const pool = createChatModelPool(settings());
    const first = pool.lend("m");
    const second = pool.lend("m");
    expect(second.chat).not.toBe(first.chat);
    const firstExchange = first.exchange;
    pool.release("m", first);
    const again = pool.lend("m");
    expect(again.chat).toBe(first.chat);
    expect(again.exchange).not.toBe(firstExchange);
    expect(again.exchange).toEqual({});
    expect(pool.lend("other").chat).not.toBe(first.chat);
  });

  it("records each attempt's HTTP exchange in its own exchange, also when concurrent", async () => {
    const pool = createChatModelPool(settings());
    server.script.push({ status: 500, body: { error: { message: "first fails" } } });
    const lent = [pool.lend("m"), pool.lend("m"), pool.lend("m")];
    const outcomes = await Promise.allSettled(lent.map(({ chat }) => chat.invoke([new HumanMessage("hello")])));
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "fulfilled", "rejected"]);
    const statuses = lent.map(({ exchange }) => exchange.status);
    expect(statuses.sort()).toEqual([200, 200, 500]);
    const failed = lent[outcomes.findIndex((outcome) => outcome.status === "rejected")]!;
    expect(failed.exchange.body).toContain("first fails");
  });

  it("a response that arrives after its attempt was released lands in that attempt's exchange, not the next one's", async () => {
    let open: () => void = () => undefined;
    let sent: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const sending = new Promise<void>((resolve) => (sent = resolve));
    const pool = createChatModelPool({ ...settings(), fetch: async (input, init) => (sent(), await gate, globalThis.fetch(input, init)) });
    const first = pool.lend("m");
    const late = first.chat.invoke([new HumanMessage("slow")]);
    const firstExchange = first.exchange;
    // The request is on its way when its attempt gives up (an aborted run, say) and the model is lent again.
    await sending;
    pool.release("m", first);
    const next = pool.lend("m");
    expect(next.chat).toBe(first.chat);
    open();
    await late;
    expect(firstExchange.status).toBe(200);
    expect(next.exchange).toEqual({});
  });
});
