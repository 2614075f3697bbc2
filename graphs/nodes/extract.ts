import type { Runtime } from "@langchain/langgraph";
import { DocumentItError, describeError } from "../../src/errors.ts";
import { extractToStore } from "../../src/extract-memo.ts";
import type { SourcedIndexEntry } from "../../src/source.ts";
import { cachePolicy } from "../cache-policy.ts";
import { createRunFetcher } from "../fetcher.ts";
import { resolveRuntime } from "../services.ts";
import type { Update } from "../state.ts";

/** The Send payload of extract: one index entry. */
export interface ExtractTask {
  /** The entry as discover stored it; `sourceHost` (set for a remote source) is the one host allowed to be private. */
  entry: SourcedIndexEntry;
}

/** Fetches one document, converts and splits it, stores its text; a failure becomes a failed record, never a throw. */
export async function extract(task: ExtractTask, runtime: Runtime): Promise<Update> {
  const { configuration, services } = resolveRuntime(runtime);
  const { entry } = task;
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
    return { documents: { [entry.id]: { id: entry.id, status: "extracted", title, contentHash, tokens, sectionCount, codeBlockCount } } };
  } catch (error) {
    // A cancelled run is not this document's failure: recording one would stick through a resume.
    if (runtime.signal?.aborted) throw error;
    const reason = describeError(error);
    const stage = error instanceof DocumentItError && error.code === "EXTRACT_FAILED" ? "extract" : "fetch";
    services.onEvent?.({ type: "document", documentId: entry.id, url: entry.url, status: "failed", stage, reason });
    return {
      documents: { [entry.id]: { id: entry.id, status: "failed", failure: { stage, reason } } },
    };
  }
}
