import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DocumentItError, FetchError } from "./errors.ts";
import { type Fetcher, createFetcher } from "./fetch/index.ts";
import { indexFromFolder } from "./source-folder.ts";
import { type IndexText, type SourcedIndex, indexFromLlmsTxt } from "./source-index.ts";
import { INDEX_ACCEPT, findRemoteIndex } from "./source-remote.ts";

export { documentIdFor, type SourcedIndex, type SourcedIndexEntry } from "./source-index.ts";

/** Options of readSource. */
export interface ReadSourceOptions {
  /** An llms.txt URL or file, a site or page URL, or a folder of markdown. */
  source: string;
  /** Folder relative paths are resolved against. */
  cwd?: string;
  /** Reads a remote source and its llms.txt files; by default one that trusts only the source's own host. */
  fetcher?: Fetcher;
  /** Levels of nested llms.txt files followed (default 2). */
  maxIndexDepth?: number;
}

/** Hostname of a remote source (the one host that may be private), undefined for a local one. */
export function sourceHostOf(source: string): string | undefined {
  if (!/^https?:\/\//i.test(source)) return undefined;
  try {
    return new URL(source).hostname;
  } catch (error) {
    throw new DocumentItError("SOURCE_INVALID", `source is not a valid URL: ${source}`, { cause: error });
  }
}

/** Reads the user's source into a document index in index order, or throws a DocumentItError saying what is wrong with it. */
export async function readSource(options: ReadSourceOptions): Promise<SourcedIndex> {
  const maxDepth = options.maxIndexDepth ?? 2;
  const sourceHost = sourceHostOf(options.source);
  if (sourceHost) {
    const fetcher = options.fetcher ?? createFetcher({ trustedHosts: [sourceHost] });
    const found = await findRemoteIndex({ source: options.source, fetcher });
    const readNested = async (url: string): Promise<IndexText | undefined> => {
      try {
        const nested = await fetcher.get({ url, accept: INDEX_ACCEPT });
        return { text: nested.text, url: nested.url };
      } catch (error) {
        if (error instanceof FetchError) return undefined;
        throw error;
      }
    };
    return indexFromLlmsTxt({ ...found, readNested, maxDepth, sourceHost });
  }
  const path = resolve(options.cwd ?? process.cwd(), options.source);
  let stats;
  try {
    stats = await stat(path);
  } catch {
    throw new DocumentItError("SOURCE_NOT_FOUND", `source not found: ${path}`);
  }
  if (stats.isDirectory()) return indexFromFolder(path);
  return indexFromLlmsTxt({ text: await readFile(path, "utf8"), url: pathToFileURL(path).href, source: path, readNested: readLocalIndex, maxDepth });
}

async function readLocalIndex(url: string): Promise<IndexText | undefined> {
  try {
    return { text: await readFile(fileURLToPath(url), "utf8"), url };
  } catch {
    return undefined;
  }
}
