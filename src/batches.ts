/** A document as batch planning sees it. */
export interface BatchCandidate {
  id: string;
  tokens: number;
}

/** Options of packBatches. */
export interface PackBatchesOptions {
  documents: BatchCandidate[];
  /** Most input tokens of documents in one batch. */
  budgetTokens: number;
  /** Most documents in one batch. */
  maxDocuments: number;
}

/**
 * Packs documents into batches by token count, keeping index order: a batch closes when the next document
 * would pass the token budget or the document cap. A document over the budget goes alone.
 */
export function packBatches(options: PackBatchesOptions): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let currentTokens = 0;
  for (const document of options.documents) {
    const full = current.length >= options.maxDocuments || currentTokens + document.tokens > options.budgetTokens;
    if (current.length > 0 && full) {
      batches.push(current);
      current = [];
      currentTokens = 0;
    }
    current.push(document.id);
    currentTokens += document.tokens;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
