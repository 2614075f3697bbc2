import { ReducedValue, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import type { DocumentIndex, DocumentRecord, GlobalContext, IndexEntry, Topic } from "../src/types.ts";
import { mergeContext, mergeDocuments, mergeGuidelines, mergeTimings, type ContextUpdate, type DocumentChange, type GuidelineRecord, type StageSpans } from "./reducers.ts";

/** What a caller must give: the source, and optionally a cap on documents. */
export const InputState = new StateSchema({
  /** An llms.txt URL or file, a docs site URL, or a folder of markdown. */
  source: z.string().min(1).describe("An llms.txt URL or file, a docs site URL, or a folder of markdown files"),
  /** Analyse at most this many documents (optional ones last). */
  maxDocs: z.number().int().positive().optional().describe("Analyse at most this many documents"),
});

/** The whole state of a run. Holds ids, hashes and small metadata only: document text lives in the content store. */
export const GraphState = new StateSchema({
  /** An llms.txt URL or file, a docs site URL, or a folder of markdown. */
  source: z.string(),
  /** Analyse at most this many documents (optional ones last). */
  maxDocs: z.number().int().positive().optional(),
  /** The parsed index without its entries. */
  index: z.custom<Omit<DocumentIndex, "entries">>().optional(),
  /** Documents to analyse, in index order. */
  entries: z.custom<IndexEntry[]>().default(() => []),
  /** The product context; relate proposes additions that make a new version. */
  context: new ReducedValue(z.custom<GlobalContext | undefined>(), { inputSchema: z.custom<ContextUpdate>(), reducer: mergeContext }),
  /** sha256 of the version-1 context in the content store, as analysis prompts saw it. */
  contextHash: z.string().optional(),
  /** sha256 of the context after relate's additions, as synthesis prompts see it. */
  synthesisContextHash: z.string().optional(),
  /** Per-document status and hashes, merged by document id. */
  documents: new ReducedValue(z.custom<Record<string, DocumentRecord>>().default(() => ({})), { inputSchema: z.custom<Record<string, DocumentChange>>(), reducer: mergeDocuments }),
  /** Batches planned from the extracted documents; a member is a document id or the id of a split document's part. */
  batches: z.custom<Array<{ id: string; documentIds: string[] }>>().default(() => []),
  /** Documents over the batch budget: document id → content hashes of its parts, in order (a part's id derives from its position). */
  splits: z.custom<Record<string, string[]>>().default(() => ({})),
  /** Topics after relate merged them across documents. */
  topics: z.custom<Topic[]>().default(() => []),
  /** Per-topic guideline hash or failure, merged by topic id. */
  guidelines: new ReducedValue(z.custom<Record<string, GuidelineRecord>>().default(() => ({})), { reducer: mergeGuidelines }),
  /** First start and last end of each stage, in epoch milliseconds. */
  timings: new ReducedValue(z.custom<StageSpans>().default(() => ({})), { reducer: mergeTimings }),
  /** Where the report was written, and the stored run manifest (so `document-it report` renders it again as it was). */
  output: z.custom<{ outDir: string; files: number; manifestHash?: string } | undefined>().optional(),
});

/** The state's value type. */
export type State = typeof GraphState.State;
/** A partial update a node returns. */
export type Update = typeof GraphState.Update;
