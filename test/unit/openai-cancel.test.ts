import { RunnableLambda } from "@langchain/core/runnables";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InterruptRequest, interruptExitCode } from "../../src/cli/interrupts.ts";
import { analyserFor, context, documents } from "../fixtures/openai-batch.ts";
import { type MockOpenAIServer, startMockOpenAIServer } from "../helpers/mock-openai-server.ts";

let server: MockOpenAIServer;
beforeEach(async () => {
  server = await startMockOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

describe("a cancelled run's LLM calls", () => {
  it("stop at once: the run's reason is thrown, the call is not retried nor described as failed, and no retry wait is left", async () => {
    for (let index = 0; index < 5; index += 1) server.script.push({ status: 500, body: { error: { message: "mock: down" } } });
    // Real waits between retries: a cancelled call must not sit them out.
    const analyser = analyserFor(server, { sleep: undefined, retryBaseDelayMs: 5_000 });
    const controller = new AbortController();
    const reason = new InterruptRequest("SIGINT");
    // As inside a graph node: the call runs under a LangChain run that carries the signal.
    const asked = RunnableLambda.from(() => analyser.summarize({ context, documents })).invoke({}, { signal: controller.signal });
    const started = Date.now();
    while (server.completions().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort(reason);
    await expect(asked).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(2_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.completions()).toHaveLength(1);
  });

  it("exit as shells report a signal: 130 for SIGINT, 143 for SIGTERM", () => {
    expect(interruptExitCode(new InterruptRequest("SIGINT"))).toBe(130);
    expect(interruptExitCode(new InterruptRequest("SIGTERM"))).toBe(143);
    expect(interruptExitCode(undefined)).toBe(130);
  });
});
