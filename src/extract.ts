import { DocumentItError } from "./errors.ts";
import { type FetchFunction, fetchText } from "./fetch.ts";
import { htmlToMarkdown, looksLikeHtml } from "./html.ts";
import { parseMarkdown, stripFrontMatter } from "./markdown.ts";
import { countTokens } from "./tokens.ts";
import type { ExtractedDocument, IndexEntry } from "./types.ts";

/** Options of extractDocument. */
export interface ExtractDocumentOptions {
  entry: IndexEntry;
  fetch?: FetchFunction;
  timeoutMs?: number;
  maxBytes?: number;
}

/** Fetches a document, turns it into markdown, splits it by headings and counts its tokens. */
export async function extractDocument(options: ExtractDocumentOptions): Promise<ExtractedDocument> {
  const { entry } = options;
  const fetched = await fetchText({ url: entry.url, fetch: options.fetch, timeoutMs: options.timeoutMs, maxBytes: options.maxBytes });
  if (fetched.text.includes("\u0000")) throw new DocumentItError("EXTRACT_FAILED", `${entry.url} is binary, not a text document`);
  // A URL ending in .md may still answer HTML: convert it rather than trust the extension.
  const isHtml = /text\/html|application\/xhtml/i.test(fetched.contentType) || looksLikeHtml(fetched.text);
  const converted = isHtml ? htmlToMarkdown(fetched.text) : { title: undefined, markdown: stripFrontMatter(fetched.text).body.trim() };
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
