import type { Runtime } from "@langchain/langgraph";
import { packBatches } from "../../src/batches.ts";
import { sha256 } from "../../src/hash.ts";
import { planMembers } from "../plan-parts.ts";
import type { DocumentChange } from "../reducers.ts";
import { refreshSince } from "../routing.ts";
import { resolveRuntime } from "../services.ts";
import type { State, Update } from "../state.ts";
import { runIdOf } from "../trace.ts";

/**
 * Packs the extracted documents that miss the cache into batches by token count, in index order; a document over the
 * budget goes as its parts. A document whose two answers are cached gets their hashes here and is in no batch.
 */
export async function planBatches(state: State, runtime: Runtime): Promise<Update> {
  const { configuration, services } = resolveRuntime(runtime);
  const start = services.now();
  const extracted = state.entries.map((entry) => state.documents[entry.id]).filter((record) => record?.status === "extracted" && record.contentHash);
  const planned = planMembers({ records: extracted.map((record) => record!), batchTokens: configuration.batchTokens, contextHash: state.contextHash, refreshSince: refreshSince(state), services });
  const groups = packBatches({ documents: planned.members, budgetTokens: planned.budgetTokens, maxDocuments: configuration.maxBatchDocuments });
  // Ids derive from the members, so a replayed plan names the same batches.
  const batches = groups.map((documentIds) => ({ id: sha256(documentIds.join(",")).slice(0, 12), documentIds }));
  const reused = Object.entries(planned.reused);
  const documents: Record<string, DocumentChange> = { ...planned.failures };
  for (const [id, hashes] of reused) documents[id] = { id, ...hashes };
  // The analyse stage counts both answers of every document, the reused ones as cached.
  services.onEvent?.({ type: "stage", stage: "planBatches", phase: "end", count: batches.length, members: planned.members.length + reused.length });
  if (reused.length > 0) for (const question of ["summarize", "topic"] as const) services.onEvent?.({ type: "analysis", question, ids: reused.map(([id]) => id), cached: true });
  const thread = runIdOf(runtime);
  // A split document's topics are merged after the analysis step (mergeParts): its names are not known early. Under
  // --no-cache relate would not read the early answer from the cache, so it asks itself.
  if (services.earlyGrouping && thread !== undefined && batches.length > 0 && state.contextHash && Object.keys(planned.splits).length === 0 && !configuration.noCache) {
    services.earlyGrouping.plan(thread, {
      documents: extracted.filter((record) => !planned.failures[record!.id]).map((record) => ({ id: record!.id, contentHash: record!.contentHash! })),
      contextHash: state.contextHash,
      batchIds: batches.map((batch) => batch.id),
      threshold: configuration.topicMergeThreshold,
    });
  }
  return { batches, splits: planned.splits, ...(Object.keys(documents).length > 0 ? { documents } : {}), timings: { planBatches: { start, end: services.now() } } };
}
