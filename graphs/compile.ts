import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { EventEmitter, setMaxListeners } from "node:events";
import { builder } from "./graph.ts";
import { installLeanRunContext } from "./lean-run-context.ts";

/** The compiled document-it graph. */
export type DocumentItGraph = ReturnType<typeof builder.compile>;

/** Tasks LangGraph may start at once, per unit of the run's `concurrency`, when the caller sets no `maxConcurrency`. */
export const TASKS_PER_CONCURRENCY = 4;
/** The least task cap, whatever the run's `concurrency`. */
export const MIN_TASK_CAP = 32;

/**
 * The task cap a run's stream gets. LangGraph.js 1.7.3 drops every Send task but the first when `maxConcurrency` is
 * 1 (its runner stops refilling once no task is executing), so 1 is raised to 2. Without a cap its runner starts
 * every task of a step at once and races all of them again at each completion: 2,000 extract tasks kept about a
 * million promises alive (170 MB), and every analysis task built its prompt before a limiter let it through. Real
 * concurrency is governed by the run's own limiters; tasks past a few times that would only wait.
 */
export function taskCap(config: { maxConcurrency?: number; context?: unknown } | undefined): number {
  if (config?.maxConcurrency !== undefined) return Math.max(2, config.maxConcurrency);
  const concurrency = (config?.context as { concurrency?: unknown } | undefined)?.concurrency;
  return Math.max(MIN_TASK_CAP, typeof concurrency === "number" ? TASKS_PER_CONCURRENCY * concurrency : 0);
}

/** Abort listeners an event target may hold before Node warns, at least, once a graph is compiled. */
export const MIN_DEFAULT_MAX_LISTENERS = 1000;

/**
 * Every task of a step runs under the run's one abort signal, and LangChain adds a listener to it per task (and
 * LangGraph creates that signal itself, so no caller can raise its own cap). Past 10 parallel tasks Node then
 * printed MaxListenersExceededWarning on every run started through the library or `langgraph dev` rather than
 * the CLI (which raises the cap at start). Raises the process's default to MIN_DEFAULT_MAX_LISTENERS; never lowers it.
 */
function allowParallelTaskListeners(): void {
  if (EventEmitter.defaultMaxListeners < MIN_DEFAULT_MAX_LISTENERS) setMaxListeners(MIN_DEFAULT_MAX_LISTENERS);
}

/** Compiles the graph; its streams (and so invoke) run under taskCap. */
export function compileGraph(options: { checkpointer?: BaseCheckpointSaver } = {}): DocumentItGraph {
  installLeanRunContext();
  allowParallelTaskListeners();
  const compiled = builder.compile(options);
  const stream = compiled.stream.bind(compiled);
  compiled.stream = ((input: Parameters<typeof stream>[0], config?: Parameters<typeof stream>[1]) =>
    stream(input, { ...config, maxConcurrency: taskCap(config) })) as typeof compiled.stream;
  compiled.name = "document-it";
  return compiled;
}
