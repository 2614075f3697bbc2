import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { DocumentItError, FetchError, describeError } from "./errors.ts";
import { type FetchFunction, fetchText } from "./fetch.ts";
import { sha256 } from "./hash.ts";
import { looksLikeHtml } from "./html.ts";
import { parseLlmsTxt } from "./llms-txt.ts";
import { parseMarkdown, stripFrontMatter } from "./markdown.ts";
import { discoverIndexUrls } from "./discover-index.ts";
import type { DocumentIndex, IndexEntry } from "./types.ts";

/** Options of readSource. */
export interface ReadSourceOptions {
  /** An llms.txt URL or file, a site URL, or a folder of markdown. */
  source: string;
  /** Folder relative paths are resolved against. */
  cwd?: string;
  fetch?: FetchFunction;
  /** Keep only the first N documents (optional ones last). */
  maxDocs?: number;
}

/** Stable id of a document URL: fragment dropped, 16 hex characters of its sha256. */
export function documentIdFor(url: string): string {
  return sha256(url.replace(/#.*$/, "")).slice(0, 16);
}

/** Reads the user's source into a document index, or throws a DocumentItError saying what is wrong with it. */
export async function readSource(options: ReadSourceOptions): Promise<DocumentIndex> {
  const index = /^https?:\/\//i.test(options.source) ? await readRemote(options) : await readLocal(options);
  const ordered = [...index.entries.filter((entry) => !entry.optional), ...index.entries.filter((entry) => entry.optional)];
  return { ...index, entries: options.maxDocs === undefined ? ordered : ordered.slice(0, options.maxDocs) };
}

async function readRemote(options: ReadSourceOptions): Promise<DocumentIndex> {
  let fetched;
  try {
    fetched = await fetchText({ url: options.source, fetch: options.fetch, accept: "text/markdown, text/plain;q=0.9, text/html;q=0.5" });
  } catch (error) {
    throw new DocumentItError("SOURCE_UNREACHABLE", `cannot read source ${options.source}: ${describeError(error)}`, { cause: error });
  }
  if (!looksLikeHtml(fetched.text) && !/text\/html/i.test(fetched.contentType)) return indexFromLlmsTxt(fetched.text, fetched.url, options.source);
  // A web page: find its llms.txt.
  for (const candidate of discoverIndexUrls({ pageUrl: fetched.url, html: fetched.text })) {
    try {
      const index = await fetchText({ url: candidate, fetch: options.fetch, attempts: 1, accept: "text/markdown, text/plain" });
      if (!looksLikeHtml(index.text) && /^\s*(\uFEFF)?#\s/m.test(index.text)) return indexFromLlmsTxt(index.text, index.url, candidate);
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
    }
  }
  throw new DocumentItError("SOURCE_INVALID", `${options.source} is an HTML page and no llms.txt was found for it (tried describedby links, the page's folder and /llms.txt)`);
}

async function readLocal(options: ReadSourceOptions): Promise<DocumentIndex> {
  const path = resolve(options.cwd ?? process.cwd(), options.source);
  let stats;
  try {
    stats = await stat(path);
  } catch {
    throw new DocumentItError("SOURCE_NOT_FOUND", `source not found: ${path}`);
  }
  if (stats.isDirectory()) return indexFromFolder(path);
  const text = await readFile(path, "utf8");
  return indexFromLlmsTxt(text, pathToFileURL(path).href, path);
}

function indexFromLlmsTxt(text: string, url: string, source: string): DocumentIndex {
  if (!text.trim()) throw new DocumentItError("SOURCE_EMPTY", `source is empty: ${source}`);
  if (text.includes("\u0000")) throw new DocumentItError("SOURCE_INVALID", `source is not text (it holds NUL bytes): ${source}`);
  if (looksLikeHtml(text)) throw new DocumentItError("SOURCE_INVALID", `source is HTML, not an llms.txt: ${source}`);
  const parsed = parseLlmsTxt(text, { baseUrl: url });
  if (!parsed.title) throw new DocumentItError("SOURCE_INVALID", `source has no H1 title ("# Name" line), so it is not an llms.txt: ${source}`);
  const entries: IndexEntry[] = [];
  const seen = new Set<string>();
  for (const [section, links] of Object.entries(parsed.sections)) {
    for (const link of links) {
      const id = documentIdFor(link.url);
      if (seen.has(id)) continue;
      seen.add(id);
      entries.push({ id, url: link.url.replace(/#.*$/, ""), title: link.title, ...(link.description ? { description: link.description } : {}), section, optional: section.toLowerCase() === "optional" });
    }
  }
  if (entries.length === 0) throw new DocumentItError("SOURCE_NO_LINKS", `source lists no documents (no "- [name](url)" items under a "## Section"): ${source}`);
  return { source, title: parsed.title, ...(parsed.summary ? { summary: parsed.summary } : {}), ...(parsed.info ? { details: parsed.info } : {}), entries };
}

async function indexFromFolder(folder: string): Promise<DocumentIndex> {
  const files = (await listMarkdownFiles(folder)).sort();
  if (files.length === 0) throw new DocumentItError("SOURCE_NO_LINKS", `folder holds no .md or .mdx files: ${folder}`);
  const entries: IndexEntry[] = [];
  for (const file of files) {
    const { body, frontMatter } = stripFrontMatter(await readFile(file, "utf8"));
    const relativePath = relative(folder, file);
    const folderName = relativePath.includes(sep) ? relativePath.slice(0, relativePath.lastIndexOf(sep)).split(sep).join("/") : "Docs";
    const url = pathToFileURL(file).href;
    const title = frontMatter["title"] || parseMarkdown(body).title || relativePath;
    entries.push({ id: documentIdFor(url), url, title, ...(frontMatter["description"] ? { description: frontMatter["description"] } : {}), section: folderName, optional: false });
  }
  const name = folder.split(sep).filter(Boolean).pop() ?? folder;
  return { source: folder, title: name, entries };
}

async function listMarkdownFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await listMarkdownFiles(path)));
    else if (/\.mdx?$/i.test(entry.name)) found.push(path);
  }
  return found;
}
