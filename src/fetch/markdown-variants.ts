import * as cheerio from "cheerio";
import { parseLinkHeader } from "./link-header.ts";

/** How a markdown variant's URL is made from the page's. */
export type VariantStyle = "append" | "replace" | "index-html" | "index";

/** Every style, in the order tried when a host has shown no preference. */
export const VARIANT_STYLES: readonly VariantStyle[] = ["append", "replace", "index-html", "index"];

const MARKDOWN_TYPES = new Set(["text/markdown", "text/x-markdown"]);
const ALREADY_TEXT = /\.(md|mdx|markdown|txt)$/i;

/**
 * The `.md` URLs a page may have (llmstxt.org: `.md` appended, `index.html.md` for a folder; many sites: the
 * extension replaced, `index.md`), by style; none for a URL that is already markdown or text.
 */
export function markdownVariantUrls(pageUrl: string): Array<{ style: VariantStyle; url: string }> {
  const url = new URL(pageUrl);
  url.hash = "";
  const path = url.pathname;
  if (ALREADY_TEXT.test(path)) return [];
  const at = (pathname: string) => Object.assign(new URL(url.href), { pathname }).href;
  if (path.endsWith("/")) return [{ style: "index-html", url: at(`${path}index.html.md`) }, { style: "index", url: at(`${path}index.md`) }];
  const name = path.slice(path.lastIndexOf("/") + 1);
  const extension = /\.[a-z0-9]{1,8}$/i.exec(name)?.[0];
  const variants: Array<{ style: VariantStyle; url: string }> = [{ style: "append", url: at(`${path}.md`) }];
  if (extension) variants.push({ style: "replace", url: at(`${path.slice(0, -extension.length)}.md`) });
  return variants;
}

/** Markdown versions a page points to: `rel="alternate"` with a markdown type, in its `Link` header or its HTML `<link>`s. */
export function markdownAlternates(options: { pageUrl: string; html: string; linkHeader?: string }): string[] {
  const found: string[] = [];
  const add = (href: string | undefined) => {
    if (!href) return;
    try {
      const url = new URL(href, options.pageUrl).href;
      if (/^https?:/.test(url) && !found.includes(url)) found.push(url);
    } catch {
      // An unparsable href points nowhere.
    }
  };
  for (const link of parseLinkHeader(options.linkHeader, options.pageUrl)) {
    if (link.rel.includes("alternate") && MARKDOWN_TYPES.has(link.type ?? "")) add(link.url);
  }
  const $ = cheerio.load(options.html);
  $('link[rel~="alternate"]').each((_index, element) => {
    const type = ($(element).attr("type") ?? "").trim().toLowerCase();
    if (MARKDOWN_TYPES.has(type)) add($(element).attr("href"));
  });
  return found;
}
