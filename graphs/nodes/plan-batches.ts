import type { Runtime } from "@langchain/langgraph";
import { packBatches } from "../../src/batches.ts";
import { sha256 } from "../../src/hash.ts";
import { resolveRuntime } from "../services.ts";
import type { State, Update } from "../state.ts";

/** Packs the extracted documents into batches by token count, in index order. */
export async function planBatches(state: State, runtime: Runtime): Promise<Update> {
  const { configuration, services } = resolveRuntime(runtime);
  const start = services.now();
  const extracted = state.entries.map((entry) => state.documents[entry.id]).filter((record) => record?.status === "extracted" && record.contentHash);
  const groups = packBatches({
    documents: extracted.map((record) => ({ id: record!.id, tokens: record!.tokens ?? 0 })),
    budgetTokens: configuration.batchTokens,
    maxDocuments: configuration.maxBatchDocuments,
  });
  // Ids derive from the members, so a replayed plan names the same batches.
  const batches = groups.map((documentIds) => ({ id: sha256(documentIds.join(",")).slice(0, 12), documentIds }));
  services.onEvent?.({ type: "stage", stage: "planBatches", phase: "end", count: batches.length });
  return { batches, timings: { planBatches: { start, end: services.now() } } };
}
