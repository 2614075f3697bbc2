/** LangSmith tracing: how an LLM call is named in a trace, and flushing traces before the process exits. */
import { awaitAllCallbacks } from "@langchain/core/callbacks/promises";

/** How one LLM call shows in a trace: a run name, tags and metadata. Holds ids and versions only, never a secret. */
export interface LlmTrace {
  /** The run's name, e.g. "summarize batch-3" or "synthesize authentication". */
  name: string;
  /** e.g. "run:<run id>", "batch:<batch id>", "document:<document id>", "topic:<topic id>". */
  tags: string[];
  metadata: Record<string, string | number | boolean | string[]>;
}

/**
 * Sends the traces still queued (LangSmith batches runs in the background; a process that exits first loses
 * them). Gives up after `timeoutMs`, so an unreachable tracing endpoint cannot hold the CLI. Resolves false then.
 */
export async function flushTraces(options: { timeoutMs?: number } = {}): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), options.timeoutMs ?? 15_000);
  });
  try {
    return await Promise.race([awaitAllCallbacks().then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
