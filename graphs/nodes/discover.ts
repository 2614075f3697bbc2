import type { Runtime } from "@langchain/langgraph";
import { readSource } from "../../src/source.ts";
import { uniqueSlugs } from "../../src/slug.ts";
import type { DocumentRecord, GlobalContext } from "../../src/types.ts";
import { resolveRuntime } from "../services.ts";
import type { State, Update } from "../state.ts";

/** Reads the source, parses its index, names each document's output file and builds the version-1 context. */
export async function discover(state: State, runtime: Runtime): Promise<Update> {
  const { services } = resolveRuntime(runtime);
  const start = services.now();
  services.onEvent?.({ type: "stage", stage: "discover", phase: "start" });
  const index = await readSource({ source: state.source, fetch: services.fetch, ...(state.maxDocs ? { maxDocs: state.maxDocs } : {}) });
  const slugs = uniqueSlugs(index.entries.map((entry) => entry.url));
  const documents: Record<string, DocumentRecord> = {};
  index.entries.forEach((entry, position) => {
    documents[entry.id] = { id: entry.id, url: entry.url, title: entry.title, section: entry.section, optional: entry.optional, slug: slugs[position]!, status: "pending" };
  });
  const context: GlobalContext = {
    version: 1,
    name: index.title,
    description: index.summary ?? "",
    details: index.details ?? "",
    features: [],
    terminology: [],
    history: [{ version: 1, by: "discover (llms.txt title, summary and details)", added: [] }],
  };
  const { entries, ...indexWithoutEntries } = index;
  services.onEvent?.({ type: "stage", stage: "discover", phase: "end", count: entries.length });
  return {
    index: indexWithoutEntries,
    entries,
    documents,
    context,
    contextHash: services.store.put(context),
    timings: { discover: { start, end: services.now() } },
  };
}
