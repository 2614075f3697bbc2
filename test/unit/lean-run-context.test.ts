import { getContextVariable, setContextVariable } from "@langchain/core/context";
import { RunnableLambda } from "@langchain/core/runnables";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { LangChainTracer } from "@langchain/core/tracers/tracer_langchain";
import { Annotation, StateGraph, getConfig } from "@langchain/langgraph";
import { Client } from "langsmith";
import { isRunTree } from "langsmith/run_trees";
import { beforeAll, describe, expect, it } from "vitest";
import { installLeanRunContext } from "../../graphs/lean-run-context.ts";

// What a runnable sees of its run context: the store LangChain put in AsyncLocalStorage and the config it carries.
const probe = RunnableLambda.from(async (_input: unknown) => {
  const store = AsyncLocalStorageProviderSingleton.getInstance().getStore();
  const config = AsyncLocalStorageProviderSingleton.getRunnableConfig() as { configurable?: Record<string, unknown>; signal?: AbortSignal } | undefined;
  return { runTree: isRunTree(store), configurable: config?.configurable, signal: config?.signal, variable: getContextVariable("marker") };
});

describe("installLeanRunContext", () => {
  beforeAll(() => {
    installLeanRunContext();
    installLeanRunContext();
  });

  it("carries an untraced call's config without building a RunTree", async () => {
    const controller = new AbortController();
    const seen = await probe.invoke("x", { configurable: { thread_id: "t-1" }, signal: controller.signal });
    expect(seen.runTree).toBe(false);
    expect(seen.configurable).toMatchObject({ thread_id: "t-1" });
    expect(seen.signal).toBeInstanceOf(AbortSignal);
  });

  it("keeps context variables set outside the call", async () => {
    const seen = await RunnableLambda.from(async () => {
      setContextVariable("marker", "set before the inner call");
      return probe.invoke("x");
    }).invoke("x");
    expect(seen.variable).toBe("set before the inner call");
  });

  it("lets a LangGraph node read its config", async () => {
    const State = Annotation.Root({ seen: Annotation<string> });
    const graph = new StateGraph(State)
      .addNode("read", () => ({ seen: String(getConfig().configurable?.["thread_id"]) }))
      .addEdge("__start__", "read")
      .compile();
    expect(await graph.invoke({ seen: "" }, { configurable: { thread_id: "t-2" } })).toEqual({ seen: "t-2" });
  });

  it("leaves a traced call to LangChain, which builds its RunTree", async () => {
    // Nothing is sent: the tracer's client batches runs and the test never flushes it.
    const tracer = new LangChainTracer({ client: new Client({ apiUrl: "http://127.0.0.1:9", apiKey: "test-key", autoBatchTracing: true }) });
    const seen = await probe.invoke("x", { callbacks: [tracer], configurable: { thread_id: "t-3" } });
    expect(seen.runTree).toBe(true);
    expect(seen.configurable).toMatchObject({ thread_id: "t-3" });
  });
});
