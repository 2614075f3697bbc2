import { compileGraph } from "./compile.ts";

/** The graph compiled without a checkpointer, for `langgraph.json` (the LangGraph server brings its own). */
export const graph = compileGraph();
