import type { DocumentRecord, GlobalContext, RecordedStage } from "../src/types.ts";

/** First start and last end of a stage, epoch milliseconds. */
export type StageSpans = Partial<Record<RecordedStage, { start: number; end: number }>>;

/**
 * A topic's synthesis outcome: the stored guideline's hash, or why it failed. `task` (the task's fingerprint) marks
 * a guideline relate found cached for exactly that task, so no synthesize task is sent for it.
 */
export type GuidelineRecord = { hash: string; task?: string } | { failure: string };

/** Either a whole context (discover) or additions proposed by relate. */
export type ContextUpdate = GlobalContext | { additions: Pick<GlobalContext, "features" | "terminology">; by: string };

/** A change to one document record: its id and the fields that changed. */
export type DocumentChange = Partial<DocumentRecord> & { id: string };

/** Merges document records by id; the first failure sticks, so a replayed or sibling branch can neither hide nor reword it. */
export function mergeDocuments(current: Record<string, DocumentRecord>, update: Record<string, DocumentChange>): Record<string, DocumentRecord> {
  const merged = { ...current };
  for (const [id, change] of Object.entries(update)) {
    const previous = merged[id];
    const next = { ...previous, ...change } as DocumentRecord;
    // Only an explicit reset to "pending" clears a failure.
    if (change.status === "pending") delete next.failure;
    else if (previous?.status === "failed") {
      next.status = "failed";
      next.failure = previous.failure;
    }
    merged[id] = summaryHashFirst(next);
  }
  return merged;
}

// topic and summarize answer a batch in parallel branches, so their hashes arrive in either order; the record (and every
// output showing it) keeps one order, summary first, whichever landed first.
function summaryHashFirst(record: DocumentRecord): DocumentRecord {
  const keys = Object.keys(record);
  const topics = keys.indexOf("topicsHash");
  const summary = keys.indexOf("summaryHash");
  if (topics < 0 || summary < 0 || summary < topics) return record;
  const ordered: Record<string, unknown> = {};
  for (const key of keys) {
    if (key === "summaryHash") continue;
    if (key === "topicsHash") ordered["summaryHash"] = record.summaryHash;
    ordered[key] = record[key as keyof DocumentRecord];
  }
  return ordered as unknown as DocumentRecord;
}

/** Merges guideline outcomes by topic id (idempotent). */
export function mergeGuidelines<T>(current: Record<string, T>, update: Record<string, T>): Record<string, T> {
  return { ...current, ...update };
}

/** Keeps the earliest start and latest end per stage. */
export function mergeTimings(current: StageSpans, update: StageSpans): StageSpans {
  const merged: StageSpans = { ...current };
  for (const [stage, span] of Object.entries(update) as Array<[RecordedStage, { start: number; end: number }]>) {
    const previous = merged[stage];
    merged[stage] = previous ? { start: Math.min(previous.start, span.start), end: Math.max(previous.end, span.end) } : span;
  }
  return merged;
}

/** A whole context replaces; additions make a new version holding only what is new (nothing new, no version). */
export function mergeContext(current: GlobalContext | undefined, update: ContextUpdate): GlobalContext | undefined {
  if (!("additions" in update)) return update;
  if (!current) return current;
  const knownTerms = new Set(current.terminology.map((item) => item.term.toLowerCase()));
  const knownFeatures = new Set(current.features.map((item) => item.name.toLowerCase()));
  const terms = update.additions.terminology.filter((item) => !knownTerms.has(item.term.toLowerCase()));
  const features = update.additions.features.filter((item) => !knownFeatures.has(item.name.toLowerCase()));
  if (terms.length === 0 && features.length === 0) return current;
  const version = current.version + 1;
  return {
    ...current,
    version,
    terminology: [...current.terminology, ...terms],
    features: [...current.features, ...features],
    history: [...current.history, { version, by: update.by, added: [...features.map((item) => item.name), ...terms.map((item) => item.term)] }],
  };
}
