import { FetchError } from "../errors.ts";
import { looksLikeHtml } from "../html.ts";
import { DOCUMENT_ACCEPT } from "./fetcher.ts";
import type { FetchHosts } from "./fetch-hosts.ts";
import { VARIANT_STYLES, markdownAlternates, markdownVariantUrls } from "./markdown-variants.ts";
import type { FetchedResource, Fetcher } from "./types.ts";

/** A document's best text: markdown when the site offers it, else the page itself. */
export interface FetchedDocument extends FetchedResource {
  /** True when the text is HTML and still has to be converted. */
  isHtml: boolean;
}

/** Options of fetchPreferringMarkdown. */
export interface FetchPreferringMarkdownOptions {
  url: string;
  fetcher: Fetcher;
  /** Remembers per host which markdown variants exist, so hosts without any are not asked again and again. */
  hosts?: FetchHosts;
}

/** True when a response is HTML, whatever its URL says. */
export function isHtmlResource(resource: Pick<FetchedResource, "contentType" | "text">): boolean {
  return /text\/html|application\/xhtml/i.test(resource.contentType) || looksLikeHtml(resource.text);
}

/**
 * Fetches a document preferring markdown. The first request already asks for markdown (`Accept: text/markdown`), so
 * a site that negotiates costs one request; an HTML answer is followed by its `rel="alternate"` markdown link, then
 * by the `.md` forms of its URL. A markdown URL that answers HTML is converted, never trusted.
 */
export async function fetchPreferringMarkdown(options: FetchPreferringMarkdownOptions): Promise<FetchedDocument> {
  const page = await options.fetcher.get({ url: options.url, accept: DOCUMENT_ACCEPT });
  if (!isHtmlResource(page)) return { ...page, isHtml: false };
  for (const alternate of markdownAlternates({ pageUrl: page.url, html: page.text, ...(page.linkHeader ? { linkHeader: page.linkHeader } : {}) })) {
    const markdown = await tryMarkdown(options.fetcher, alternate);
    if (markdown) return markdown;
  }
  const host = new URL(page.url).host;
  const variants = markdownVariantUrls(page.url);
  if (variants.length === 0 || !/^https?:/.test(page.url)) return { ...page, isHtml: true };
  const styles = options.hosts ? options.hosts.variantStyles(host, VARIANT_STYLES) : VARIANT_STYLES;
  for (const style of styles) {
    const variant = variants.find((candidate) => candidate.style === style);
    if (!variant) continue;
    const markdown = await tryMarkdown(options.fetcher, variant.url);
    if (markdown) {
      options.hosts?.recordVariant(host, style);
      return markdown;
    }
  }
  if (styles.length > 0) options.hosts?.recordVariant(host, undefined);
  return { ...page, isHtml: true };
}

async function tryMarkdown(fetcher: Fetcher, url: string): Promise<FetchedDocument | undefined> {
  try {
    // One attempt: a variant that fails is simply not there, and the page we already have will do.
    const resource = await fetcher.get({ url, accept: "text/markdown, text/plain;q=0.9, */*;q=0.1", attempts: 1 });
    return isHtmlResource(resource) || !resource.text.trim() ? undefined : { ...resource, isHtml: false };
  } catch (error) {
    if (error instanceof FetchError) return undefined;
    throw error;
  }
}
