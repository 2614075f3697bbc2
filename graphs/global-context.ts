import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describeError } from "../src/errors.ts";
import type { Fetcher } from "../src/fetch/index.ts";
import { htmlToMarkdown, looksLikeHtml } from "../src/html.ts";
import type { LlmTrace } from "../src/tracing.ts";
import type { Analyser, ContextInput, DocumentIndex, GlobalContext } from "../src/types.ts";

/** The landing page of a source: `index.html` beside a local llms.txt, else the index's folder then the site root. */
export async function loadLandingPage(options: { source: string; fetcher: Fetcher }): Promise<ContextInput["landingPage"] | undefined> {
  if (!/^https?:\/\//i.test(options.source)) {
    const path = join(dirname(resolve(options.source)), "index.html");
    const html = await readFile(path, "utf8").catch(() => undefined);
    if (!html) return undefined;
    const page = htmlToMarkdown(html);
    return { url: pathToFileURL(path).href, markdown: page.markdown, ...(page.title ? { title: page.title } : {}) };
  }
  const candidates = [...new Set([new URL("./", options.source).href, new URL("/", options.source).href])];
  for (const url of candidates) {
    try {
      const fetched = await options.fetcher.get({ url, accept: "text/html", attempts: 1 });
      if (!looksLikeHtml(fetched.text) && !/html/i.test(fetched.contentType)) continue;
      const page = htmlToMarkdown(fetched.text);
      if (page.markdown.trim()) return { url: fetched.url, markdown: page.markdown, ...(page.title ? { title: page.title } : {}) };
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
 * A failed context call is reported, never fatal: every document can still be analysed.
 */
export async function buildGlobalContext(options: { analyser: Analyser; index: Omit<DocumentIndex, "entries">; landingPage?: ContextInput["landingPage"]; trace?: LlmTrace; onFailure?: (reason: string) => void }): Promise<GlobalContext> {
  const fallback = contextFromIndex(options.index);
  if (!options.analyser.buildContext) return fallback;
  try {
    const built = await options.analyser.buildContext({ index: options.index, ...(options.landingPage ? { landingPage: options.landingPage } : {}), ...(options.trace ? { trace: options.trace } : {}) });
    return { ...built, version: 1, details: built.details || fallback.details, history: [{ version: 1, by: `discover (${options.analyser.provider} ${options.analyser.model} from the index${options.landingPage ? " and landing page" : ""})`, added: [] }] };
  } catch (error) {
    options.onFailure?.(describeError(error));
    return fallback;
  }
}
