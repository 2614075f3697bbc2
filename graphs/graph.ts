import { END, START, StateGraph } from "@langchain/langgraph";
import { ConfigurationSchema } from "./configuration.ts";
import { discover } from "./nodes/discover.ts";
import { extract } from "./nodes/extract.ts";
import { globalContext } from "./nodes/global-context.ts";
import { mergeParts } from "./nodes/merge-parts.ts";
import { planBatches } from "./nodes/plan-batches.ts";
import { relate } from "./nodes/relate.ts";
import { report } from "./nodes/report.ts";
import { summarize } from "./nodes/summarize.ts";
import { synthesize } from "./nodes/synthesize.ts";
import { topic } from "./nodes/topic.ts";
import { routeToAnalysis, routeToExtract, routeToSynthesis } from "./routing.ts";
import { GraphState, InputState } from "./state.ts";

/** The document-it flow: discover → globalContext ║ extract (Send per document) → planBatches → summarize ║ topic (Send per batch) → mergeParts → relate → synthesize (Send per topic) → report. */
export const builder = new StateGraph({ state: GraphState, input: InputState, context: ConfigurationSchema })
  .addNode("discover", discover)
  .addNode("extract", extract)
  .addNode("globalContext", globalContext)
  .addNode("planBatches", planBatches)
  .addNode("summarize", summarize)
  .addNode("topic", topic)
  .addNode("mergeParts", mergeParts)
  .addNode("relate", relate)
  .addNode("synthesize", synthesize)
  .addNode("report", report)
  .addEdge(START, "discover")
  .addConditionalEdges("discover", routeToExtract, ["globalContext", "extract", "planBatches"])
  .addEdge("globalContext", "planBatches")
  .addEdge("extract", "planBatches")
  .addConditionalEdges("planBatches", routeToAnalysis, ["summarize", "topic", "relate"])
  .addEdge(["summarize", "topic"], "mergeParts")
  .addEdge("mergeParts", "relate")
  .addConditionalEdges("relate", routeToSynthesis, ["synthesize", "report"])
  .addEdge("synthesize", "report")
  .addEdge("report", END);
