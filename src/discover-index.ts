import * as cheerio from "cheerio";

/**
 * Candidate llms.txt URLs for a web page, most specific first: its `rel="describedby"` links,
 * then `llms.txt` in the page's folder and each parent folder, then `/llms.txt`.
 */
export function discoverIndexUrls(options: { pageUrl: string; html: string; linkHeader?: string }): string[] {
  const candidates: string[] = [];
  const add = (href: string | undefined) => {
    if (!href) return;
    try {
      const url = new URL(href, options.pageUrl);
      if ((url.protocol === "http:" || url.protocol === "https:") && !candidates.includes(url.href)) candidates.push(url.href);
    } catch {
      // An unparsable href is just not a candidate.
    }
  };
  for (const match of (options.linkHeader ?? "").matchAll(/<([^>]+)>\s*;[^,]*rel="?describedby"?/gi)) add(match[1]);
  const $ = cheerio.load(options.html);
  $('link[rel~="describedby"]').each((_index, element) => add($(element).attr("href")));
  const page = new URL(options.pageUrl);
  const folders = page.pathname.split("/").slice(0, -1);
  for (let depth = folders.length; depth >= 1; depth -= 1) add(`${page.origin}${folders.slice(0, depth).join("/")}/llms.txt`);
  add(`${page.origin}/llms.txt`);
  return candidates;
}
