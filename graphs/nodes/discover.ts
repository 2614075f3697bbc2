import type { Runtime } from "@langchain/langgraph";
import { applyScope } from "../../src/scope.ts";
import { readSource } from "../../src/source.ts";
import { uniqueSlugs } from "../../src/slug.ts";
import type { DocumentRecord } from "../../src/types.ts";
import { cachePolicy } from "../cache-policy.ts";
import { providerReason } from "../provider.ts";
import { createSourceFetcher } from "../fetcher.ts";
import { resolveRuntime } from "../services.ts";
import type { State, Update } from "../state.ts";

/**
 * Reads the source, parses its index (nested llms.txt files included), narrows it to the run's scope and names each
 * document's output file. Optional documents skipped by policy are recorded as skipped.
 */
export async function discover(state: State, runtime: Runtime): Promise<Update> {
  const { configuration, services } = resolveRuntime(runtime);
  const start = services.now();
  services.onEvent?.({ type: "stage", stage: "discover", phase: "start" });
  // Services outlive a run under `langgraph dev`: an endpoint a rejected key stopped in an earlier run is tried again.
  services.llmLimiters?.reopenStopped();
  const fetcher = createSourceFetcher({ configuration, services, source: state.source, ...(runtime.signal ? { signal: runtime.signal } : {}) });
  const index = await readSource({ source: state.source, fetcher, maxIndexDepth: configuration.maxIndexDepth });
  const { selected, skipped } = applyScope(index.entries, {
    include: configuration.include,
    exclude: configuration.exclude,
    optional: configuration.optional,
    ...(state.maxDocs ? { maxDocs: state.maxDocs } : {}),
  });
  const entries = [...selected, ...skipped];
  const slugs = uniqueSlugs(entries.map((entry) => entry.url));
  const documents: Record<string, DocumentRecord> = {};
  const policy = cachePolicy(configuration);
  entries.forEach((entry, position) => {
    const status = position < selected.length ? "pending" : "skipped";
    documents[entry.id] = { id: entry.id, url: entry.url, title: entry.title, section: entry.section, optional: entry.optional, slug: slugs[position]!, status, ...(status === "pending" && policy.refreshes(entry.url) ? { refresh: true } : {}) };
  });
  const { entries: _allEntries, ...indexWithoutEntries } = index;
  // Said once the source is known to be readable, so bad input still gets a single line.
  services.onEvent?.({ type: "provider", provider: services.analyser.provider, model: services.analyser.model, reason: providerReason(configuration) });
  services.onEvent?.({ type: "stage", stage: "discover", phase: "end", count: selected.length });
  return {
    index: indexWithoutEntries,
    entries,
    documents,
    timings: { discover: { start, end: services.now() } },
  };
}
