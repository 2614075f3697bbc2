import { z } from "zod";

/** Run-time configuration of the graph: the single place defaults live. Shown in LangGraph Studio. */
export const ConfigurationSchema = z.object({
  /** Which analyser answers the questions. */
  provider: z.enum(["local"]).default("local").describe("Analyser: 'local' (extractive, no network)"),
  /** Where checkpoints, the content store and the run registry live. */
  statePath: z.string().default(".document-it/state.db").describe("SQLite file for checkpoints, content and runs"),
  /** Output folder; default output/<run id>. */
  outDir: z.string().optional().describe("Folder the guidelines are written to (default output/<run id>)"),
  /** Most analyser calls and fetches in flight at once. */
  concurrency: z.number().int().positive().default(8).describe("Most analyser calls and fetches at once"),
  /** Input-token budget of one analysis batch. */
  batchTokens: z.number().int().positive().default(12_000).describe("Token budget of one analysis batch"),
  /** Most documents in one analysis batch. */
  maxBatchDocuments: z.number().int().positive().default(8).describe("Most documents in one analysis batch"),
  /** Most topics synthesised (each document keeps at least its best topic). */
  maxTopics: z.number().int().positive().default(24).describe("Most shared topics to synthesise"),
  /** Timeout of one fetch. */
  fetchTimeoutMs: z.number().int().positive().default(30_000).describe("Timeout of one fetch, in ms"),
  /** Largest document fetched. */
  maxDocumentBytes: z.number().int().positive().default(10_000_000).describe("Largest document fetched, in bytes"),
});

/** The configuration with every default filled in. */
export type Configuration = z.infer<typeof ConfigurationSchema>;

/** Fills defaults into a (partial) configuration, e.g. `runtime.context`; throws a zod error naming a bad field. */
export function ensureConfiguration(context: unknown): Configuration {
  const fields = typeof context === "object" && context !== null ? Object.fromEntries(Object.entries(context).filter(([key]) => key in ConfigurationSchema.shape)) : {};
  return ConfigurationSchema.parse(fields);
}
