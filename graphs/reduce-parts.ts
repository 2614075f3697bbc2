import { describeError } from "../src/errors.ts";
import { mergeSummaries, mergeTopics } from "../src/merge-analysis.ts";
import type { DocumentPart } from "../src/split-document.ts";
import type { DocumentRecord, DocumentSummary, DocumentTopics } from "../src/types.ts";
import { answerCacheKey } from "./analyse-batch.ts";
import type { DocumentChange } from "./reducers.ts";
import type { Services } from "./services.ts";

/** Options of reduceParts. */
export interface ReducePartsOptions {
  record: DocumentRecord;
  /** Content hashes of the document's parts, in order. */
  partHashes: readonly string[];
  contextHash: string;
  services: Services;
}

/**
 * Merges a split document's part answers into its one summary and one topic list. The part answers are read
 * from the result cache by each part's content, where analysis put them, so graph state holds nothing per
 * part. The merged answers are stored and cached under the key a whole-document answer has, so a re-run finds
 * them and asks nothing. A part without an answer fails the document, naming the part. Never throws.
 */
export function reduceParts(options: ReducePartsOptions): DocumentChange {
  const { record, partHashes, contextHash, services } = options;
  const { store, analyser } = services;
  const keyOf = (question: "summarize" | "topic", contentHash: string) =>
    answerCacheKey({ analyser, question, contentHash, contextHash });
  let stage: "summarize" | "topic" = "summarize";
  try {
    const stored = <T>(hash: string | undefined, what: string): T => {
      const value = hash === undefined ? undefined : store.get<T>(hash);
      if (value === undefined) throw new Error(`${what} is missing`);
      return value;
    };
    const parts = partHashes.map((hash, index) => ({ hash, number: index + 1, part: stored<DocumentPart>(hash, `part ${index + 1} of the document`) }));
    const summaries = parts.map(({ hash, number }) => stored<DocumentSummary>(store.getCached(keyOf("summarize", hash)), `the summary of part ${number}`));
    stage = "topic";
    const topics = parts.map(({ hash, number, part }) => ({ topics: stored<DocumentTopics>(store.getCached(keyOf("topic", hash)), `the topics of part ${number}`), tokens: part.tokens }));
    const summaryHash = store.put(mergeSummaries({ documentId: record.id, parts: summaries }));
    store.setCached(keyOf("summarize", record.contentHash!), summaryHash);
    const topicsHash = store.put(mergeTopics({ documentId: record.id, parts: topics }));
    store.setCached(keyOf("topic", record.contentHash!), topicsHash);
    return { id: record.id, summaryHash, topicsHash };
  } catch (error) {
    return { id: record.id, status: "failed", failure: { stage, reason: `merging the answers of its ${partHashes.length} parts: ${describeError(error)}` } };
  }
}
