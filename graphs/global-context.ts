import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describeError, stopsRun } from "../src/errors.ts";
import type { Fetcher } from "../src/fetch/index.ts";
import { htmlToMarkdown, looksLikeHtml } from "../src/html.ts";
import { readLandingPage } from "../src/landing-page.ts";
import { canonicalJson, sha256 } from "../src/hash.ts";
import type { ContentStore } from "../src/store.ts";
import type { LlmTrace } from "../src/tracing.ts";
import type { Analyser, ContextInput, DocumentIndex, GlobalContext } from "../src/types.ts";
import { answerCacheKey } from "./analyse-batch.ts";

/**
 * The landing page of a source: `index.html` beside a local llms.txt, else the index's folder then the site root.
 * It comes as markdown (what an LLM reads) and as readLandingPage reads it (title, description, ranked sections).
 */
export async function loadLandingPage(options: { source: string; fetcher: Fetcher; productName?: string }): Promise<ContextInput["landingPage"] | undefined> {
  const read = (html: string, url: string): NonNullable<ContextInput["landingPage"]> => {
    const page = readLandingPage({ html, url, ...(options.productName ? { productName: options.productName } : {}) });
    return { url, markdown: htmlToMarkdown(html).markdown, ...(page.title ? { title: page.title } : {}), page };
  };
  if (!/^https?:\/\//i.test(options.source)) {
    const path = join(dirname(resolve(options.source)), "index.html");
    const html = await readFile(path, "utf8").catch(() => undefined);
    return html ? read(html, pathToFileURL(path).href) : undefined;
  }
  const candidates = [...new Set([new URL("./", options.source).href, new URL("/", options.source).href])];
  for (const url of candidates) {
    try {
      const fetched = await options.fetcher.get({ url, accept: "text/html", attempts: 1 });
      if (!looksLikeHtml(fetched.text) && !/html/i.test(fetched.contentType)) continue;
      const landing = read(fetched.text, fetched.url);
      if (landing.markdown.trim()) return landing;
    } catch {
      // No landing page is fine: the index alone still gives a context.
    }
  }
  return undefined;
}

/** The version-1 context from the index alone (title, summary, details). */
export function contextFromIndex(index: Omit<DocumentIndex, "entries">): GlobalContext {
  return {
    version: 1,
    name: index.title,
    description: index.summary ?? "",
    details: index.details ?? "",
    features: [],
    terminology: [],
    history: [{ version: 1, by: "discover (llms.txt title, summary and details)", added: [] }],
  };
}

/**
 * The version-1 context: the analyser's own when it can build one from the index and landing page, else the index's.
 * A failed context call is reported, never fatal: every document can still be analysed (a rejected API key stops the run).
 */
export async function buildGlobalContext(options: {
  analyser: Analyser;
  index: Omit<DocumentIndex, "entries">;
  landingPage?: ContextInput["landingPage"];
  trace?: LlmTrace;
  /** The LLM result cache, keyed like every answer; `read: false` under --no-cache (the answer is still written). */
  cache?: { store: ContentStore; read: boolean };
  onFailure?: (reason: string) => void;
}): Promise<GlobalContext> {
  const { analyser, cache } = options;
  const fallback = contextFromIndex(options.index);
  if (!analyser.buildContext) return fallback;
  const input = { index: options.index, ...(options.landingPage ? { landingPage: options.landingPage } : {}) };
  const key = answerCacheKey({ analyser, question: "context", contentHash: sha256(canonicalJson(input)), contextHash: "" });
  const cachedHash = cache?.read ? cache.store.getCached(key) : undefined;
  const cached = cachedHash ? cache!.store.get<GlobalContext>(cachedHash) : undefined;
  if (cached) return cached;
  try {
    const built = await analyser.buildContext({ ...input, ...(options.trace ? { trace: options.trace } : {}) });
    const answered = { ...built, version: 1, details: built.details || fallback.details, history: [{ version: 1, by: `discover (${analyser.provider} ${analyser.model} from the index${options.landingPage ? " and landing page" : ""})`, added: [] }] };
    // As the store gives it back (canonical key order), so a re-run served from the cache writes the same bytes.
    const context = JSON.parse(canonicalJson(answered)) as GlobalContext;
    cache?.store.setCached(key, cache.store.put(context));
    return context;
  } catch (error) {
    if (stopsRun(error)) throw error;
    options.onFailure?.(describeError(error));
    return fallback;
  }
}
