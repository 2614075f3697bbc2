import { partNumber } from "../src/split-document.ts";
import type { AnalysisOutcome, AnalysisTask } from "./analyse-batch.ts";
import type { DocumentChange } from "./reducers.ts";
import type { Update } from "./state.ts";

/**
 * The state update of one question over one batch. A document's answer hash or failure goes to its record. A
 * part's answer stays in the result cache only, where mergeParts reads it by the part's content (so state holds
 * nothing per part), and a part's failure fails its document, naming the part.
 */
export function analysisUpdate(options: { question: "summarize" | "topic"; task: AnalysisTask; outcome: AnalysisOutcome }): Update {
  const { question, task, outcome } = options;
  const field = question === "summarize" ? "summaryHash" : "topicsHash";
  const documents: Record<string, DocumentChange> = {};
  for (const [id, result] of Object.entries(outcome)) {
    const partOf = task.documents.find((item) => item.id === id)?.partOf;
    if ("hash" in result) {
      if (partOf === undefined) documents[id] = { id, [field]: result.hash };
    } else if (partOf === undefined) documents[id] = { id, status: "failed", failure: { stage: question, reason: result.failure } };
    else documents[partOf] ??= { id: partOf, status: "failed", failure: { stage: question, reason: `part ${partNumber(id)} of the document: ${result.failure}` } };
  }
  return { documents };
}
