/** A stored document's outline: what relate and the report read of it, kept beside it so they need not load its text. */
import type { ReportDocument } from "./run-types.ts";
import type { ContentStore } from "./store.ts";
import type { ExtractedDocument } from "./types.ts";

/** An extracted document without its markdown and code: URL, title, headings and links. */
export interface DocumentOutline extends ReportDocument {
  url: string;
  links: string[];
}

// Raise when the outline's shape changes: the key then names a new derivation of the same content.
const OUTLINE_VERSION = 1;

/** The outline of an ExtractedDocument. */
export function outlineOf(document: ExtractedDocument): DocumentOutline {
  return {
    url: document.url,
    title: document.title,
    sections: document.sections.map(({ heading, level, anchor }) => ({ heading, level, anchor })),
    links: document.links,
  };
}

/**
 * The outline of the document stored under `contentHash`, or undefined when the store lacks it. The outline is
 * derived from the document once and cached under its content hash (stored content never changes), so a re-run
 * reads a few hundred bytes instead of decompressing and parsing every document.
 */
export function readDocumentOutline(options: { store: ContentStore; contentHash: string }): DocumentOutline | undefined {
  const { store, contentHash } = options;
  const outlineHash = store.getCached(outlineKey(contentHash));
  const known = outlineHash === undefined ? undefined : store.get<DocumentOutline>(outlineHash);
  if (known) return known;
  const document = store.get<ExtractedDocument>(contentHash);
  return document ? storeDocumentOutline({ store, contentHash, document }) : undefined;
}

/**
 * Derives and caches the outline of `document`, stored under `contentHash`. Extract calls it while it holds the
 * document, so relate finds every outline cached instead of loading each document back.
 */
export function storeDocumentOutline(options: { store: ContentStore; contentHash: string; document: ExtractedDocument }): DocumentOutline {
  const outline = outlineOf(options.document);
  options.store.setCached(outlineKey(options.contentHash), options.store.put(outline));
  return outline;
}

function outlineKey(contentHash: string): string {
  return `document-outline:${OUTLINE_VERSION}:${contentHash}`;
}
