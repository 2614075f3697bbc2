import type { Runtime } from "@langchain/langgraph";
import { packBatches } from "../../src/batches.ts";
import { sha256 } from "../../src/hash.ts";
import { planMembers } from "../plan-parts.ts";
import { resolveRuntime } from "../services.ts";
import type { State, Update } from "../state.ts";

/** Packs the extracted documents into batches by token count, in index order; a document over the budget goes as its parts. */
export async function planBatches(state: State, runtime: Runtime): Promise<Update> {
  const { configuration, services } = resolveRuntime(runtime);
  const start = services.now();
  const extracted = state.entries.map((entry) => state.documents[entry.id]).filter((record) => record?.status === "extracted" && record.contentHash);
  const planned = planMembers({ records: extracted.map((record) => record!), batchTokens: configuration.batchTokens, contextHash: state.contextHash, services });
  const groups = packBatches({ documents: planned.members, budgetTokens: planned.budgetTokens, maxDocuments: configuration.maxBatchDocuments });
  // Ids derive from the members, so a replayed plan names the same batches.
  const batches = groups.map((documentIds) => ({ id: sha256(documentIds.join(",")).slice(0, 12), documentIds }));
  services.onEvent?.({ type: "stage", stage: "planBatches", phase: "end", count: batches.length, members: planned.members.length });
  return { batches, splits: planned.splits, ...(Object.keys(planned.failures).length > 0 ? { documents: planned.failures } : {}), timings: { planBatches: { start, end: services.now() } } };
}
