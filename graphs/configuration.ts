import { z } from "zod";

/** Run-time configuration of the graph: the single place defaults live. Shown in LangGraph Studio. */
export const ConfigurationSchema = z.object({
  /** Which analyser answers the questions. */
  provider: z
    .enum(["local", "openai"])
    .optional()
    .describe("Analyser: 'openai' (OpenAI or any OpenAI-compatible endpoint) or 'local' (extractive, no network); default: openai when OPENAI_API_KEY or a base URL is set, else local"),
  /** Model of summarize, topic and the global context. */
  model: z.string().min(1).default("gpt-4.1-mini").describe("Model for document analysis and the global context"),
  /** Model of topic synthesis; `model` when unset. */
  synthesisModel: z.string().min(1).optional().describe("Model for topic synthesis (default: model)"),
  /** OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1 (Ollama); OPENAI_BASE_URL when unset. */
  baseUrl: z.string().url().optional().describe("Base URL of an OpenAI-compatible endpoint"),
  /** Timeout of one LLM request. */
  llmTimeoutMs: z.number().int().positive().default(120_000).describe("Timeout of one LLM request, in ms"),
  /** Folder whose prompt files replace the built-in ones by name. */
  promptsDirectory: z.string().optional().describe("Folder of prompt files (context.md, summarize.md, …) replacing the built-in ones"),
  /** Prompt texts by name (context, summarize, topic, synthesize, …), replacing files; editable in Studio. */
  prompts: z.record(z.string(), z.string()).optional().describe("Prompt texts by name, replacing the prompt files"),
  /** Where checkpoints, the content store and the run registry live. */
  statePath: z.string().default(".document-it/state.db").describe("SQLite file for checkpoints, content and runs"),
  /** Output folder; default output/<run id>. */
  outDir: z.string().optional().describe("Folder the guidelines are written to (default output/<run id>)"),
  /** Most tokens of AGENTS.md (o200k_base); rules that do not fit are left out, and the file says how many. */
  agentsBudget: z.number().int().min(500).default(8000).describe("Most tokens of AGENTS.md (at least 500)"),
  /** Where the output folder will be published; llms.txt links are absolute under it (default: the folder's file: URL). */
  publishUrl: z.string().url().optional().describe("URL the output folder will be published at, for llms.txt links"),
  /** Most analyser calls and fetches in flight at once. */
  concurrency: z.number().int().positive().default(8).describe("Most analyser calls and fetches at once"),
  /** LLM requests per minute, per endpoint and model; unset: learnt from the endpoint's x-ratelimit headers, else unpaced. */
  requestsPerMinute: z.number().int().positive().optional().describe("LLM requests per minute (per endpoint and model)"),
  /** LLM tokens (input plus output) per minute, per endpoint and model; unset: learnt from x-ratelimit headers. */
  tokensPerMinute: z.number().int().positive().optional().describe("LLM tokens (input plus output) per minute (per endpoint and model)"),
  /** Input-token budget of one analysis batch. */
  batchTokens: z.number().int().positive().default(12_000).describe("Token budget of one analysis batch"),
  /** Most documents in one analysis batch. */
  maxBatchDocuments: z.number().int().positive().default(8).describe("Most documents in one analysis batch"),
  /** Most topics synthesised (each document keeps at least its best topic). */
  maxTopics: z.number().int().positive().default(24).describe("Most shared topics to synthesise"),
  /** Above this many distinct topic names after the deterministic merge, relate asks the LLM to group synonyms (once, cached). */
  topicMergeThreshold: z.number().int().nonnegative().default(40).describe("Distinct topic names above which relate asks the LLM to group synonyms"),
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
  /** The LLM result cache is not read this run (answers are still written to it). */
  noCache: z.boolean().default(false).describe("Do not read cached LLM answers this run (they are still written)"),
  /** Globs on URL paths: matching documents are fetched unconditionally, re-analysed past the cache, and their topics re-synthesised. */
  force: z.array(z.string().min(1)).default([]).describe("Fetch and re-analyse documents whose URL path matches one of these globs, ignoring caches"),
  /** A JSON file of model prices (USD per 1M tokens) added to or replacing the shipped ones, model by model. */
  pricesPath: z.string().optional().describe("JSON file of model prices (USD per 1M tokens) overriding the shipped table"),
  /** Stop starting LLM requests once the run's spend plus the next request's estimate would pass this many USD. */
  maxCostUsd: z.number().positive().optional().describe("Most USD the run spends on LLM calls; past it no new request starts"),
  /** The `## Optional` section: analysed in index order, after the rest, or listed as skipped. */
  optional: z.enum(["include", "last", "skip"]).default("last").describe("Optional documents: include, last (after the rest) or skip"),
});

/** The configuration with every default filled in. */
export type Configuration = z.infer<typeof ConfigurationSchema>;

const parsed = new WeakMap<object, Configuration>();

/**
 * Fills defaults into a (partial) configuration, e.g. `runtime.context`; throws a zod error naming a bad field. Every
 * node of a run asks with the run's one context object, so an object is parsed once (a context is not edited in place).
 */
export function ensureConfiguration(context: unknown): Configuration {
  if (typeof context !== "object" || context === null) return ConfigurationSchema.parse({});
  const known = parsed.get(context);
  if (known) return known;
  const configuration = ConfigurationSchema.parse(Object.fromEntries(Object.entries(context).filter(([key]) => key in ConfigurationSchema.shape)));
  // Shared by every node of the run, so frozen: a node that changed it would change it for the others.
  parsed.set(context, Object.freeze(configuration));
  return configuration;
}
