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
  /** Most requests to one host at once, within `concurrency`. */
  hostConcurrency: z.number().int().positive().default(4).describe("Most fetches to one host at once"),
  /** Attempts of a request that fails for a network error, a timeout, a 5xx or a 429. */
  fetchAttempts: z.number().int().positive().default(3).describe("Attempts of a fetch that fails transiently"),
  /** Redirects followed per request, each hop checked again. */
  maxRedirects: z.number().int().nonnegative().default(5).describe("Redirects followed per fetch"),
  /** Private, loopback and link-local addresses may be fetched from any host, not only the source's own. */
  allowPrivate: z.boolean().default(false).describe("Allow private and loopback addresses for every host"),
  /** Fetch what robots.txt disallows for document-it. */
  ignoreRobots: z.boolean().default(false).describe("Ignore robots.txt"),
  /** Levels of nested llms.txt files (links to other llms.txt files of the same site) followed. */
  maxIndexDepth: z.number().int().nonnegative().default(2).describe("Levels of nested llms.txt files followed"),
  /** Globs on URL paths: when any are given, only matching documents are analysed. */
  include: z.array(z.string().min(1)).default([]).describe("Analyse only documents whose URL path matches one of these globs"),
  /** Globs on URL paths: matching documents are left out. */
  exclude: z.array(z.string().min(1)).default([]).describe("Leave out documents whose URL path matches one of these globs"),
  /** The `## Optional` section: analysed in index order, after the rest, or listed as skipped. */
  optional: z.enum(["include", "last", "skip"]).default("last").describe("Optional documents: include, last (after the rest) or skip"),
});

/** The configuration with every default filled in. */
export type Configuration = z.infer<typeof ConfigurationSchema>;

/** Fills defaults into a (partial) configuration, e.g. `runtime.context`; throws a zod error naming a bad field. */
export function ensureConfiguration(context: unknown): Configuration {
  const fields = typeof context === "object" && context !== null ? Object.fromEntries(Object.entries(context).filter(([key]) => key in ConfigurationSchema.shape)) : {};
  return ConfigurationSchema.parse(fields);
}
