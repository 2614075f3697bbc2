import type { DocumentChange } from "./reducers.ts";
import type { State } from "./state.ts";

/**
 * The document changes that make a finished or stopped run try its failures again (`resume --retry-failed`), or
 * undefined when nothing failed. Failed documents go back to "pending" (the one change that clears a failure), so
 * they are fetched and analysed again; analysed ones go back to "extracted", so planning and relate see the whole
 * run again. Their answers, and the guidelines of topics whose sources did not change, come from the result cache.
 */
export function retryFailedChanges(state: Pick<State, "documents" | "guidelines" | "topics">, options: { only?: (reason: string) => boolean } = {}): Record<string, DocumentChange> | undefined {
  // `only` picks the failures to try again by reason (resume --max-cost: those the cost limit left); the rest stay failed.
  const retried = (reason: string | undefined) => !options.only || (reason !== undefined && options.only(reason));
  const records = Object.values(state.documents);
  const topicIds = new Set(state.topics.map((topic) => topic.id));
  const failedTopic = Object.entries(state.guidelines).some(([id, outcome]) => topicIds.has(id) && "failure" in outcome && retried(outcome.failure));
  if (!failedTopic && !records.some((record) => record.status === "failed" && retried(record.failure?.reason))) return undefined;
  const changes: Record<string, DocumentChange> = {};
  for (const record of records) {
    if (record.status === "failed" && retried(record.failure?.reason)) changes[record.id] = { id: record.id, status: "pending" };
    else if (record.status === "analysed") changes[record.id] = { id: record.id, status: "extracted" };
  }
  return changes;
}
