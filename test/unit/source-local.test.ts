import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { documentIdFor, readSource } from "../../src/source.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";

function write(folder: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, ".."), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
}

describe("local sources", () => {
  it("indexes a folder of .md and .mdx files: title from front matter or H1, section from the folder", async () => {
    const folder = temporaryFolder();
    write(folder, {
      "intro.md": "---\ntitle: Getting started\ndescription: First steps\n---\n# Ignored heading\n",
      "guides/retries.mdx": "Some preamble.\n\n# Retries and backoff\n",
      "guides/deep/untitled.md": "No heading here.\n",
      ".hidden/secret.md": "# Hidden\n",
      "notes.txt": "# Not markdown\n",
    });
    const index = await readSource({ source: folder });
    const file = (path: string) => pathToFileURL(join(folder, path)).href;
    expect(index.entries).toEqual([
      { id: documentIdFor(file("guides/deep/untitled.md")), url: file("guides/deep/untitled.md"), title: join("guides", "deep", "untitled.md"), section: "guides/deep", optional: false },
      { id: documentIdFor(file("guides/retries.mdx")), url: file("guides/retries.mdx"), title: "Retries and backoff", section: "guides", optional: false },
      { id: documentIdFor(file("intro.md")), url: file("intro.md"), title: "Getting started", description: "First steps", section: "Docs", optional: false },
    ]);
    expect(index.title).toBe(folder.split("/").pop());
  });

  it("reads a local llms.txt with relative links and nested local llms.txt files, without a source host", async () => {
    const folder = temporaryFolder();
    write(folder, {
      "llms.txt": "# Local\n\n> Summary.\n\n## Docs\n\n- [A](a.md): first\n- [Part](part/llms.txt)\n",
      "part/llms.txt": "# Part\n\n## Part docs\n\n- [B](b.md)\n",
    });
    const index = await readSource({ source: join(folder, "llms.txt") });
    expect(index.entries.map((entry) => [entry.url, entry.section, entry.sourceHost])).toEqual([
      [pathToFileURL(join(folder, "a.md")).href, "Docs", undefined],
      [pathToFileURL(join(folder, "part", "b.md")).href, "Part docs", undefined],
    ]);
  });

  it("says what is wrong with an unusable folder or file", async () => {
    const folder = temporaryFolder();
    write(folder, { "empty/notes.txt": "x", "no-title.txt": "Just text\n" });
    await expect(readSource({ source: join(folder, "empty") })).rejects.toThrow(`folder holds no .md or .mdx files: ${join(folder, "empty")}`);
    await expect(readSource({ source: join(folder, "no-title.txt") })).rejects.toThrow(`source has no H1 title ("# Name" line), so it is not an llms.txt: ${join(folder, "no-title.txt")}`);
    await expect(readSource({ source: "missing", cwd: folder })).rejects.toThrow(`source not found: ${join(folder, "missing")}`);
  });
});
