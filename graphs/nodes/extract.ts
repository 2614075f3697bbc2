import type { Runtime } from "@langchain/langgraph";
import { RunnableLambda } from "@langchain/core/runnables";
import { DocumentItError, describeError } from "../../src/errors.ts";
import { extractToStore } from "../../src/extract-memo.ts";
import type { SourcedIndexEntry } from "../../src/source.ts";
import { cachePolicy } from "../cache-policy.ts";
import { createRunFetcher } from "../fetcher.ts";
import { hasLangSmithTracer } from "../lean-run-context.ts";
import { resolveRuntime } from "../services.ts";
import type { DocumentChange } from "../reducers.ts";
import type { Update } from "../state.ts";
import { runTag } from "../trace.ts";

/**
 * Documents per extract task. A LangGraph task costs more CPU than a document's own extraction (scheduling, a
 * checkpoint write, stream output), and extraction is what the first summarize waits for; a few documents per task
 * keep fetching just as concurrent (the fetcher's limits govern it) for an eighth of that overhead.
 */
export const EXTRACT_CHUNK = 8;

/** The Send payload of extract: the index entries of up to EXTRACT_CHUNK documents. */
export interface ExtractTask {
  /** The entries as discover stored them; `sourceHost` (set for a remote source) is the one host allowed to be private. */
  entries: SourcedIndexEntry[];
}

/**
 * Fetches its documents concurrently, converts and splits each, stores their text. Each document fails on its own:
 * a failure becomes that document's failed record, never a throw. When the run is traced, each document shows as a
 * run of its own under the task's.
 */
export async function extract(task: ExtractTask, runtime: Runtime): Promise<Update> {
  const traced = hasLangSmithTracer(runtime as never);
  const records = await Promise.all(task.entries.map((entry) => (traced ? tracedExtraction(entry, runtime) : extractDocument(entry, runtime))));
  return { documents: Object.fromEntries(records.map((record) => [record.id, record])) };
}

function tracedExtraction(entry: SourcedIndexEntry, runtime: Runtime): Promise<DocumentChange> {
  const run = runTag(runtime);
  return RunnableLambda.from((input: SourcedIndexEntry) => extractDocument(input, runtime)).invoke(entry, {
    runName: `extract ${entry.id}`,
    tags: [...run.tags, `document:${entry.id}`],
    metadata: { ...run.metadata, document_id: entry.id, url: entry.url },
  });
}

async function extractDocument(entry: SourcedIndexEntry, runtime: Runtime): Promise<DocumentChange> {
  const { configuration, services } = resolveRuntime(runtime);
  try {
    // A remote index may list only web pages; file: URLs are read only for a local source.
    const forced = cachePolicy(configuration).isForced(entry.url);
    const { fetcher, hosts } = createRunFetcher({
      configuration,
      services,
      trustedHosts: entry.sourceHost ? [entry.sourceHost] : [],
      allowFiles: entry.sourceHost === undefined,
      conditional: !forced,
      ...(runtime.signal ? { signal: runtime.signal } : {}),
    });
    // Limits apply per request inside the fetcher (host first, then global), so a document is not wrapped in one here.
    const { title, contentHash, tokens, sectionCount, codeBlockCount } = await extractToStore({ entry, fetcher, hosts, store: services.store, reuse: !forced });
    services.onEvent?.({ type: "document", documentId: entry.id, url: entry.url, status: "extracted" });
    return { id: entry.id, status: "extracted", title, contentHash, tokens, sectionCount, codeBlockCount };
  } catch (error) {
    // A cancelled run is not this document's failure: recording one would stick through a resume.
    if (runtime.signal?.aborted) throw error;
    const reason = describeError(error);
    const stage = error instanceof DocumentItError && error.code === "EXTRACT_FAILED" ? "extract" : "fetch";
    services.onEvent?.({ type: "document", documentId: entry.id, url: entry.url, status: "failed", stage, reason });
    return { id: entry.id, status: "failed", failure: { stage, reason } };
  }
}
