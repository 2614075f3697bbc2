import { DocumentItError, FetchError, describeError } from "./errors.ts";
import { discoverIndexUrls, hasDescribedByLink } from "./discover-index.ts";
import { type Fetcher, isHtmlResource } from "./fetch/index.ts";
import { parseLlmsTxt } from "./llms-txt/index.ts";
import { type IndexText, isLlmsTxt } from "./source-index.ts";

const SOURCE_ACCEPT = "text/markdown, text/plain;q=0.9, text/html;q=0.8, */*;q=0.1";
/** The Accept header for an llms.txt. */
export const INDEX_ACCEPT = "text/markdown, text/plain;q=0.9, */*;q=0.1";

/** The llms.txt a remote source stands for, and the URL it was read from. */
export interface FoundIndex extends IndexText {
  /** Where the index came from: the source itself, or the llms.txt discovered for it. */
  source: string;
}

/**
 * Finds the llms.txt of a URL. An llms.txt answers for itself; for a page, its `rel="describedby"` link (HTTP `Link`
 * header, then HTML `<link>`) is tried first, then `llms.txt` in its folder and each parent, ending with `/llms.txt`.
 */
export async function findRemoteIndex(options: { source: string; fetcher: Fetcher }): Promise<FoundIndex> {
  const { source, fetcher } = options;
  let page;
  try {
    page = await fetcher.get({ url: source, accept: SOURCE_ACCEPT });
  } catch (error) {
    throw new DocumentItError("SOURCE_UNREACHABLE", `cannot read source ${source}: ${describeError(error)}`, { cause: error });
  }
  const isHtml = isHtmlResource(page);
  const describedBy = hasDescribedByLink(page.linkHeader, page.url);
  // A text answer is the index itself, unless it names its index (a markdown page can say where its llms.txt is).
  if (!isHtml && !describedBy && (/\.txt$/i.test(new URL(page.url).pathname) || listsLinks(page.text, page.url))) return { text: page.text, url: page.url, source };
  const tried = new Set([page.url, source]);
  for (const candidate of discoverIndexUrls({ pageUrl: page.url, html: isHtml ? page.text : "", ...(page.linkHeader ? { linkHeader: page.linkHeader } : {}) })) {
    if (tried.has(candidate)) continue;
    tried.add(candidate);
    try {
      const index = await fetcher.get({ url: candidate, accept: INDEX_ACCEPT });
      if (!isHtmlResource(index) && isLlmsTxt(index.text)) return { text: index.text, url: index.url, source: candidate };
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
    }
  }
  // No index elsewhere: a text answer is read as one, so the message says what it lacks.
  if (!isHtml) return { text: page.text, url: page.url, source };
  throw new DocumentItError("SOURCE_INVALID", `${source} is an HTML page and no llms.txt was found for it (tried describedby links, the page's folder and its parents, and /llms.txt)`);
}

function listsLinks(text: string, url: string): boolean {
  const parsed = parseLlmsTxt(text, { baseUrl: url });
  return parsed.title !== undefined && parsed.orderedSections.some((section) => section.links.length > 0);
}
