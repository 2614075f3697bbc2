import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { builder } from "./graph.ts";

/** The compiled document-it graph. */
export type DocumentItGraph = ReturnType<typeof builder.compile>;

/**
 * Compiles the graph. LangGraph.js 1.7.3 drops every Send task but the first when `maxConcurrency` is 1 (its
 * runner stops refilling once no task is executing), so 1 is raised to 2. Real concurrency is governed by the
 * run's own limiters, not by this task cap.
 */
export function compileGraph(options: { checkpointer?: BaseCheckpointSaver } = {}): DocumentItGraph {
  const compiled = builder.compile(options);
  const stream = compiled.stream.bind(compiled);
  compiled.stream = ((input: Parameters<typeof stream>[0], config?: Parameters<typeof stream>[1]) =>
    stream(input, config?.maxConcurrency === 1 ? { ...config, maxConcurrency: 2 } : config)) as typeof compiled.stream;
  compiled.name = "document-it";
  return compiled;
}
