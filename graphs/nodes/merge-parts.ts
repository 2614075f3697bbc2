import type { Runtime } from "@langchain/langgraph";
import { reduceParts } from "../reduce-parts.ts";
import type { DocumentChange } from "../reducers.ts";
import { resolveRuntime } from "../services.ts";
import type { State, Update } from "../state.ts";

/** The reduce of map-reduce: each split document still standing gets one summary and one topic list from its parts' answers. */
export async function mergeParts(state: State, runtime: Runtime): Promise<Update> {
  const { services } = resolveRuntime(runtime);
  const changes: Record<string, DocumentChange> = {};
  for (const [documentId, partHashes] of Object.entries(state.splits)) {
    const record = state.documents[documentId];
    // A failed part already failed its document, with the part's own reason.
    if (record?.status !== "extracted" || !state.contextHash) continue;
    changes[documentId] = reduceParts({ record, partHashes, contextHash: state.contextHash, services });
  }
  return Object.keys(changes).length > 0 ? { documents: changes } : {};
}
