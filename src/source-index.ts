import { fileURLToPath } from "node:url";
import { dirname, sep } from "node:path";
import { DocumentItError } from "./errors.ts";
import { sha256 } from "./hash.ts";
import { looksLikeHtml } from "./html.ts";
import { type LlmsTxtSection, parseLlmsTxt } from "./llms-txt/index.ts";
import type { DocumentIndex, IndexEntry } from "./types.ts";

/** An index entry plus the host of the remote source that listed it: the one host allowed to resolve to a private address. */
export interface SourcedIndexEntry extends IndexEntry {
  /** Hostname of the user's remote source; absent for a local source. */
  sourceHost?: string;
}

/** A document index whose entries say which source listed them. */
export interface SourcedIndex extends DocumentIndex {
  entries: SourcedIndexEntry[];
}

/** An llms.txt that was read: its text and the URL its relative links resolve against. */
export interface IndexText {
  text: string;
  url: string;
}

/** Options of indexFromLlmsTxt. */
export interface IndexFromLlmsTxtOptions extends IndexText {
  /** What the user gave, for messages. */
  source: string;
  /** Reads a nested llms.txt; undefined when it cannot, and the link then stays a document so its failure shows. */
  readNested: (url: string) => Promise<IndexText | undefined>;
  /** Levels of nested llms.txt files followed below this one. */
  maxDepth: number;
  sourceHost?: string;
}

/** Stable id of a document URL: fragment dropped, 16 hex characters of its sha256. */
export function documentIdFor(url: string): string {
  return sha256(url.replace(/#.*$/, "")).slice(0, 16);
}

/** True when a text is an llms.txt: not HTML, with an H1 title. */
export function isLlmsTxt(text: string): boolean {
  return !looksLikeHtml(text) && parseLlmsTxt(text).title !== undefined;
}

/**
 * Builds the document index of an llms.txt. Links to other llms.txt files of the same site are followed as nested
 * indexes (each once, at most `maxDepth` levels down); their entries join under the nested file's section names.
 */
export async function indexFromLlmsTxt(options: IndexFromLlmsTxtOptions): Promise<SourcedIndex> {
  const { text, source } = options;
  if (!text.trim()) throw new DocumentItError("SOURCE_EMPTY", `source is empty: ${source}`);
  if (text.includes("\u0000")) throw new DocumentItError("SOURCE_INVALID", `source is not text (it holds NUL bytes): ${source}`);
  if (looksLikeHtml(text)) throw new DocumentItError("SOURCE_INVALID", `source is HTML, not an llms.txt: ${source}`);
  const parsed = parseLlmsTxt(text, { baseUrl: options.url });
  if (!parsed.title) throw new DocumentItError("SOURCE_INVALID", `source has no H1 title ("# Name" line), so it is not an llms.txt: ${source}`);
  const collector = new EntryCollector(options);
  await collector.collect(parsed.orderedSections, 0, false);
  if (collector.entries.length === 0) throw new DocumentItError("SOURCE_NO_LINKS", `source lists no documents (no "- [name](url)" items under a "## Section"): ${source}`);
  return { source, title: parsed.title, ...(parsed.summary ? { summary: parsed.summary } : {}), ...(parsed.info ? { details: parsed.info } : {}), entries: collector.entries };
}

class EntryCollector {
  readonly entries: SourcedIndexEntry[] = [];
  readonly #ids = new Set<string>();
  readonly #visited: Set<string>;
  readonly #options: IndexFromLlmsTxtOptions;

  constructor(options: IndexFromLlmsTxtOptions) {
    this.#options = options;
    this.#visited = new Set([withoutFragment(options.url)]);
  }

  async collect(sections: readonly LlmsTxtSection[], depth: number, inheritedOptional: boolean): Promise<void> {
    for (const section of sections) {
      const optional = inheritedOptional || section.optional;
      for (const link of section.links) {
        const url = withoutFragment(link.url);
        if (link.kind === "llms-txt" && withinSite(url, this.#options.url)) {
          // Already read (the root, a cycle, or listed twice): its entries are in.
          if (this.#visited.has(url)) continue;
          if (depth < this.#options.maxDepth && (await this.#expand(url, depth, optional))) continue;
        }
        this.#add({ id: documentIdFor(url), url, title: link.title, ...(link.desc ? { description: link.desc } : {}), section: section.name, optional });
      }
    }
  }

  async #expand(url: string, depth: number, optional: boolean): Promise<boolean> {
    this.#visited.add(url);
    const nested = await this.#options.readNested(url);
    if (!nested || !isLlmsTxt(nested.text)) return false;
    this.#visited.add(withoutFragment(nested.url));
    await this.collect(parseLlmsTxt(nested.text, { baseUrl: nested.url }).orderedSections, depth + 1, optional);
    return true;
  }

  #add(entry: IndexEntry): void {
    if (this.#ids.has(entry.id)) return;
    this.#ids.add(entry.id);
    this.entries.push(this.#options.sourceHost ? { ...entry, sourceHost: this.#options.sourceHost } : entry);
  }
}

function withoutFragment(url: string): string {
  return url.replace(/#.*$/, "");
}

// Same origin for web indexes; for a local index, a file inside the root index's folder.
function withinSite(url: string, rootUrl: string): boolean {
  try {
    const target = new URL(url);
    const root = new URL(rootUrl);
    if (root.protocol === "file:") return target.protocol === "file:" && fileURLToPath(target).startsWith(`${dirname(fileURLToPath(root))}${sep}`);
    return (target.protocol === "http:" || target.protocol === "https:") && target.origin === root.origin;
  } catch {
    return false;
  }
}
