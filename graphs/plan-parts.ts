import type { BatchCandidate } from "../src/batches.ts";
import { describeError } from "../src/errors.ts";
import { partId, splitDocument } from "../src/split-document.ts";
import type { DocumentRecord, ExtractedDocument, GlobalContext } from "../src/types.ts";
import { answerCacheKey } from "./analyse-batch.ts";
import type { DocumentChange } from "./reducers.ts";
import type { Services } from "./services.ts";

// A budget the prompt leaves almost nothing of would cut documents into slivers; this is the least a part gets.
const MIN_BUDGET_TOKENS = 256;

/** What batch planning works from: batch members, the split documents' stored parts, and documents it failed. */
export interface PlannedMembers {
  /** Documents and parts in index order, with the tokens each adds to a batch. */
  members: BatchCandidate[];
  /** Token budget of the documents of one batch: `batchTokens` less the prompt's own tokens. */
  budgetTokens: number;
  /** Split document id → content hashes of its parts, in order. */
  splits: Record<string, string[]>;
  failures: Record<string, DocumentChange>;
  /** Documents whose summarize and topic answers are both cached already: their answers' hashes, and no batch. */
  reused: Record<string, { summaryHash: string; topicsHash: string }>;
}

/**
 * Turns extracted documents that miss the cache into batch members (invariant 4): a document whose summarize and
 * topic answers are both cached is reused, not batched, so the batches hold only what is asked and pack it anew. A
 * refreshed document (--force, --no-cache) reuses only answers cached since `refreshSince` (by this run, before a
 * resume). A document whose tokens (with its fence) pass the budget is split by headings into parts that fit, each
 * stored in the content store and batched like a document; its merged answers are cached under its own content, so
 * a re-run reuses them without splitting.
 */
export function planMembers(options: { records: readonly DocumentRecord[]; batchTokens: number; contextHash: string | undefined; refreshSince: number; services: Services }): PlannedMembers {
  const { store, analyser } = options.services;
  const context = options.contextHash ? store.get<GlobalContext>(options.contextHash) : undefined;
  const prompt = context ? analyser.batchPromptTokens?.(context) : undefined;
  const budgetTokens = Math.max(MIN_BUDGET_TOKENS, options.batchTokens - (prompt?.fixed ?? 0));
  const wrapperOf = (document: { id: string; url: string; title: string }) => prompt?.perDocument(document) ?? 0;
  const cachedAnswer = (question: "summarize" | "topic", record: DocumentRecord) =>
    store.getCached(answerCacheKey({ analyser, question, contentHash: record.contentHash!, contextHash: options.contextHash! }), record.refresh ? { since: options.refreshSince } : {});
  const planned: PlannedMembers = { members: [], budgetTokens, splits: {}, failures: {}, reused: {} };
  for (const record of options.records) {
    const summaryHash = options.contextHash === undefined ? undefined : cachedAnswer("summarize", record);
    const topicsHash = summaryHash === undefined ? undefined : cachedAnswer("topic", record);
    if (summaryHash !== undefined && topicsHash !== undefined) {
      planned.reused[record.id] = { summaryHash, topicsHash };
      continue;
    }
    const tokens = (record.tokens ?? 0) + wrapperOf(record);
    if (tokens <= budgetTokens) {
      planned.members.push({ id: record.id, tokens });
      continue;
    }
    try {
      const document = store.get<ExtractedDocument>(record.contentHash!);
      if (!document) throw new Error(`document ${record.id} (${record.contentHash}) is missing from the content store`);
      // The fence of a part names it "#part-N" and "(part N of M)": room for two-digit numbers is kept.
      const partWrapper = wrapperOf({ id: partId(document.id, 99), url: document.url, title: `${document.title} (part 99 of 99)` });
      const parts = splitDocument({ document, budgetTokens: Math.max(MIN_BUDGET_TOKENS, budgetTokens - partWrapper) });
      planned.splits[record.id] = parts.map((part) => store.put(part));
      for (const part of parts) planned.members.push({ id: part.id, tokens: part.tokens + wrapperOf(part) });
    } catch (error) {
      planned.failures[record.id] = { id: record.id, status: "failed", failure: { stage: "summarize", reason: `splitting the document into parts: ${describeError(error)}` } };
    }
  }
  return planned;
}
