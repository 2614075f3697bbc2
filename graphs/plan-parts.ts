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
}

/**
 * Turns extracted documents into batch members. A document whose tokens (with its fence) pass the budget is
 * split by headings into parts that fit, each stored in the content store and batched like a document,
 * unless both its answers are cached already and it is not refreshed (a re-run then asks nothing and reads the
 * merged answers).
 */
export function planMembers(options: { records: readonly DocumentRecord[]; batchTokens: number; contextHash: string | undefined; services: Services }): PlannedMembers {
  const { store, analyser } = options.services;
  const context = options.contextHash ? store.get<GlobalContext>(options.contextHash) : undefined;
  const prompt = context ? analyser.batchPromptTokens?.(context) : undefined;
  const budgetTokens = Math.max(MIN_BUDGET_TOKENS, options.batchTokens - (prompt?.fixed ?? 0));
  const wrapperOf = (document: { id: string; url: string; title: string }) => prompt?.perDocument(document) ?? 0;
  const cached = (contentHash: string) =>
    options.contextHash !== undefined &&
    (["summarize", "topic"] as const).every((question) => store.getCached(answerCacheKey({ analyser, question, contentHash, contextHash: options.contextHash! })) !== undefined);
  const planned: PlannedMembers = { members: [], budgetTokens, splits: {}, failures: {} };
  for (const record of options.records) {
    const tokens = (record.tokens ?? 0) + wrapperOf(record);
    // A refreshed document (--force, --no-cache) is answered again, so it is split again too.
    const refreshed = (record as DocumentRecord & { refresh?: boolean }).refresh === true;
    if (tokens <= budgetTokens || (!refreshed && cached(record.contentHash!))) {
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
