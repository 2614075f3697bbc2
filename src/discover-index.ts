import * as cheerio from "cheerio";
import { parseLinkHeader } from "./fetch/index.ts";

/** Options of discoverIndexUrls. */
export interface DiscoverIndexUrlsOptions {
  /** URL of the page that answered (after redirects). */
  pageUrl: string;
  /** The page's HTML ("" when it is not HTML). */
  html: string;
  /** The page's `Link` header. */
  linkHeader?: string;
}

/**
 * Candidate llms.txt URLs for a web page, most specific first: its `rel="describedby"` links (the `Link` header,
 * then the HTML `<link>`s), then `llms.txt` in the page's folder and each parent folder, ending with `/llms.txt`.
 */
export function discoverIndexUrls(options: DiscoverIndexUrlsOptions): string[] {
  const candidates: string[] = [];
  const add = (href: string | undefined) => {
    if (!href) return;
    try {
      const url = new URL(href, options.pageUrl);
      url.hash = "";
      if ((url.protocol === "http:" || url.protocol === "https:") && !candidates.includes(url.href)) candidates.push(url.href);
    } catch {
      // An unparsable href is just not a candidate.
    }
  };
  for (const link of parseLinkHeader(options.linkHeader, options.pageUrl)) if (link.rel.includes("describedby")) add(link.url);
  if (options.html) {
    const $ = cheerio.load(options.html);
    $('link[rel~="describedby"]').each((_index, element) => add($(element).attr("href")));
  }
  const page = new URL(options.pageUrl);
  const folders = page.pathname.split("/").slice(0, -1);
  for (let depth = folders.length; depth >= 1; depth -= 1) add(`${page.origin}${folders.slice(0, depth).join("/")}/llms.txt`);
  return candidates;
}

/** True when the `Link` header names a `rel="describedby"` document. */
export function hasDescribedByLink(linkHeader: string | undefined, pageUrl: string): boolean {
  return parseLinkHeader(linkHeader, pageUrl).some((link) => link.rel.includes("describedby"));
}
