import type { Runtime } from "@langchain/langgraph";
import { describeError } from "../../src/errors.ts";
import { extractDocument } from "../../src/extract.ts";
import type { IndexEntry } from "../../src/types.ts";
import { resolveRuntime } from "../services.ts";
import type { Update } from "../state.ts";

/** The Send payload of extract: one index entry. */
export interface ExtractTask {
  entry: IndexEntry;
}

/** Fetches one document, converts and splits it, stores its text; a failure becomes a failed record, never a throw. */
export async function extract(task: ExtractTask, runtime: Runtime): Promise<Update> {
  const { configuration, services } = resolveRuntime(runtime);
  const { entry } = task;
  try {
    const document = await services.fetchLimiter.run(() =>
      extractDocument({ entry, fetch: services.fetch, timeoutMs: configuration.fetchTimeoutMs, maxBytes: configuration.maxDocumentBytes }),
    );
    const contentHash = services.store.put(document);
    services.onEvent?.({ type: "document", documentId: entry.id, url: entry.url, status: "extracted" });
    return {
      documents: {
        [entry.id]: { id: entry.id, status: "extracted", title: document.title, contentHash, tokens: document.tokens, sectionCount: document.sections.length, codeBlockCount: document.codeBlocks.length },
      },
    };
  } catch (error) {
    const reason = describeError(error);
    services.onEvent?.({ type: "document", documentId: entry.id, url: entry.url, status: "failed", stage: "fetch", reason });
    return {
      documents: { [entry.id]: { id: entry.id, status: "failed", failure: { stage: "fetch", reason } } },
    };
  }
}
