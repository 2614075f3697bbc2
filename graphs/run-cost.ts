/** The priced usage of a run, read from the usage ledger (every process of the run) and weighed by graph state. */
import { type RunCost, runCost } from "../src/prices/run-cost.ts";
import type { Services } from "./services.ts";
import type { State } from "./state.ts";

/** The run's cost by node, document and topic, or undefined without a ledger, prices, or any LLM call. */
export function readRunCost(options: { runId: string; state: Pick<State, "documents" | "splits">; services: Pick<Services, "usageLedger" | "prices"> }): RunCost | undefined {
  const { state, services } = options;
  if (!services.usageLedger || !services.prices) return undefined;
  const calls = services.usageLedger.calls(options.runId);
  if (calls.length === 0) return undefined;
  // A part weighs its document's tokens shared equally among the document's parts.
  const tokensOf = (memberId: string) => {
    const documentId = memberId.replace(/#part-\d+$/, "");
    const tokens = state.documents[documentId]?.tokens;
    if (tokens === undefined) return undefined;
    return documentId === memberId ? tokens : tokens / (state.splits[documentId]?.length || 1);
  };
  return runCost({ calls, prices: services.prices, tokensOf });
}
