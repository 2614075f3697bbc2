import { DocumentItError } from "./errors.ts";
import { type FetchHosts, type FetchedDocument, type Fetcher, createFetcher, fetchPreferringMarkdown } from "./fetch/index.ts";
import { htmlToMarkdown } from "./html.ts";
import { parseMarkdown, stripFrontMatter } from "./markdown.ts";
import { countTokens } from "./tokens.ts";
import type { ExtractedDocument, IndexEntry } from "./types.ts";

/** Options of extractDocument. */
export interface ExtractDocumentOptions {
  entry: IndexEntry;
  /** Fetches the document; by default one that may read file: URLs and trusts no host. */
  fetcher?: Fetcher;
  /** Per-host memory of which markdown variants exist. */
  hosts?: FetchHosts;
}

/** Fetches a document (its markdown form when there is one), turns it into markdown, splits it by headings and counts its tokens. */
export async function extractDocument(options: ExtractDocumentOptions): Promise<ExtractedDocument> {
  const { entry } = options;
  const fetcher = options.fetcher ?? createFetcher({ allowFiles: true });
  const fetched = await fetchPreferringMarkdown({ url: entry.url, fetcher, ...(options.hosts ? { hosts: options.hosts } : {}) });
  return convertFetched({ entry, fetched });
}

/** Turns a fetched document into markdown, splits it by headings and counts its tokens (no I/O). */
export function convertFetched(options: { entry: IndexEntry; fetched: FetchedDocument }): ExtractedDocument {
  const { entry, fetched } = options;
  if (fetched.text.includes("\u0000")) throw new DocumentItError("EXTRACT_FAILED", `${entry.url} is binary, not a text document`);
  const converted = fetched.isHtml ? htmlToMarkdown(fetched.text) : { title: undefined, markdown: stripFrontMatter(fetched.text).body.trim() };
  const markdown = converted.markdown.replace(/\r\n?/g, "\n");
  if (!markdown.trim()) throw new DocumentItError("EXTRACT_FAILED", `${entry.url} has no text content`);
  const parsed = parseMarkdown(markdown);
  const links = parsed.links.flatMap((link) => {
    try {
      const url = new URL(link, fetched.url);
      url.hash = "";
      return url.protocol === "http:" || url.protocol === "https:" || url.protocol === "file:" ? [url.href] : [];
    } catch {
      return [];
    }
  });
  return {
    id: entry.id,
    url: entry.url,
    title: parsed.title ?? converted.title ?? entry.title,
    markdown,
    sections: parsed.sections,
    codeBlocks: parsed.codeBlocks,
    links: [...new Set(links)],
    tokens: countTokens(markdown),
  };
}
