import { storeDocumentOutline } from "./document-outline.ts";
import { convertFetched } from "./extract.ts";
import { type FetchHosts, type Fetcher, fetchPreferringMarkdown } from "./fetch/index.ts";
import { canonicalJson, sha256 } from "./hash.ts";
import type { ContentStore } from "./store.ts";
import type { IndexEntry } from "./types.ts";
import { VERSION } from "./version.ts";

/** What a run keeps of an extracted document: its stored hash and the counts its record shows. */
export interface ExtractionSummary {
  /** sha256 of the ExtractedDocument in the content store. */
  contentHash: string;
  title: string;
  tokens: number;
  sectionCount: number;
  codeBlockCount: number;
}

/** Options of extractToStore. */
export interface ExtractToStoreOptions {
  entry: IndexEntry;
  fetcher: Fetcher;
  hosts?: FetchHosts;
  store: ContentStore;
  /** False: convert even bytes converted before (a --force document). */
  reuse?: boolean;
}

/**
 * Fetches a document and stores its extraction. Bytes already converted for the same entry (a 304 on a re-run, or
 * an unchanged file) reuse the stored extraction: no HTML conversion, parsing or token counting again.
 */
export async function extractToStore(options: ExtractToStoreOptions): Promise<ExtractionSummary & { reused: boolean }> {
  const { entry, store } = options;
  const fetched = await fetchPreferringMarkdown({ url: entry.url, fetcher: options.fetcher, ...(options.hosts ? { hosts: options.hosts } : {}) });
  // The version is part of the key: another release may convert the same bytes differently.
  const key = `extract:${sha256(canonicalJson({ version: VERSION, id: entry.id, url: entry.url, title: entry.title, fetchedUrl: fetched.url, isHtml: fetched.isHtml, text: fetched.text }))}`;
  const knownHash = options.reuse === false ? undefined : store.getCached(key);
  const known = knownHash ? store.get<ExtractionSummary>(knownHash) : undefined;
  if (known) return { ...known, reused: true };
  const document = convertFetched({ entry, fetched });
  const contentHash = store.put(document);
  storeDocumentOutline({ store, contentHash, document });
  const summary: ExtractionSummary = {
    contentHash,
    title: document.title,
    tokens: document.tokens,
    sectionCount: document.sections.length,
    codeBlockCount: document.codeBlocks.length,
  };
  store.setCached(key, store.put(summary));
  return { ...summary, reused: false };
}
