import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { DocumentItError } from "./errors.ts";
import { parseMarkdown, stripFrontMatter } from "./markdown.ts";
import { documentIdFor } from "./source-index.ts";
import type { DocumentIndex, IndexEntry } from "./types.ts";

/** The index of a folder of .md/.mdx files: title from front matter or the first H1, section from the sub-folder ("Docs" at the top). */
export async function indexFromFolder(folder: string): Promise<DocumentIndex> {
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
