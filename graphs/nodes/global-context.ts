import type { Runtime } from "@langchain/langgraph";
import type { DocumentIndex } from "../../src/types.ts";
import { createSourceFetcher } from "../fetcher.ts";
import { buildGlobalContext, loadLandingPage } from "../global-context.ts";
import { reportAnalysisFailure, resolveRuntime, throwIfInterrupted } from "../services.ts";
import type { Update } from "../state.ts";
import { contextTrace } from "../trace.ts";

/** The Send payload of globalContext: the source and its parsed index (without entries). */
export interface ContextTask {
  source: string;
  index: Omit<DocumentIndex, "entries">;
}

/**
 * The version-1 context, from the landing page and the index. It is sent first in the step of the extract tasks, so
 * the context call overlaps the fetching of the documents; planBatches waits for both.
 */
export async function globalContext(task: ContextTask, runtime: Runtime): Promise<Update> {
  const { configuration, services } = resolveRuntime(runtime);
  const start = services.now();
  const fetcher = createSourceFetcher({ configuration, services, source: task.source, ...(runtime.signal ? { signal: runtime.signal } : {}) });
  const { index } = task;
  const landingPage = services.analyser.buildContext ? await loadLandingPage({ source: task.source, fetcher, ...(index.title ? { productName: index.title } : {}) }) : undefined;
  const context = await services.analysisLimiter.run(() =>
    buildGlobalContext({
      analyser: services.analyser,
      index,
      ...(landingPage ? { landingPage } : {}),
      trace: contextTrace({ runtime }),
      cache: { store: services.store, read: !configuration.noCache },
      onFailure: reportAnalysisFailure(runtime, services, "context"),
    }),
  );
  throwIfInterrupted(runtime);
  return { context, contextHash: services.store.put(context), timings: { context: { start, end: services.now() } } };
}
