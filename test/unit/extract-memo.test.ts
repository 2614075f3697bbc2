import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type SqliteDatabase } from "../../src/database.ts";
import { readDocumentOutline } from "../../src/document-outline.ts";
import { extractToStore } from "../../src/extract-memo.ts";
import type { FetchedResource, Fetcher } from "../../src/fetch/index.ts";
import { createContentStore, type ContentStore } from "../../src/store.ts";
import type { ExtractedDocument } from "../../src/types.ts";

// A fetcher that answers the given body for every URL and counts requests.
function fixedFetcher(body: { text: string }): Fetcher & { requests: number } {
  const fetcher = {
    requests: 0,
    async get(request: { url: string }): Promise<FetchedResource> {
      fetcher.requests += 1;
      return { url: request.url, contentType: "text/markdown; charset=utf-8", text: body.text, fromCache: fetcher.requests > 1 };
    },
  };
  return fetcher;
}

// A store that records every value put into it, so a test sees whether a document was converted again.
function recordingStore(store: ContentStore): ContentStore & { puts: unknown[] } {
  const puts: unknown[] = [];
  return { ...store, puts, put: (value) => (puts.push(value), store.put(value)) };
}

describe("extractToStore", () => {
  let database: SqliteDatabase;
  let store: ContentStore & { puts: unknown[] };
  const entry = { id: "guide", url: "https://docs.example/guide.md", title: "Guide", section: "Docs", optional: false };

  beforeEach(() => {
    database = openDatabase({ path: ":memory:" });
    store = recordingStore(createContentStore({ database }));
  });

  afterEach(() => database.close());

  it("stores the extracted document and returns its hash and counts", async () => {
    const result = await extractToStore({ entry, fetcher: fixedFetcher({ text: "# Setup\n\nRun it.\n\n```sh\nnpm i\n```\n" }), store });
    expect(result).toMatchObject({ title: "Setup", sectionCount: 1, codeBlockCount: 1, reused: false });
    expect(store.get<ExtractedDocument>(result.contentHash)?.markdown).toBe("# Setup\n\nRun it.\n\n```sh\nnpm i\n```");
  });

  it("stores the document's outline with it, so reading the outline never loads the document back", async () => {
    const result = await extractToStore({ entry, fetcher: fixedFetcher({ text: "# Setup\n\nSee [limits](https://docs.example/limits).\n\n## Retries\n\nTwice.\n" }), store });
    const reads: string[] = [];
    const outline = readDocumentOutline({ store: { ...store, get: (hash) => (reads.push(hash), store.get(hash)) }, contentHash: result.contentHash });
    expect(outline).toEqual({
      url: "https://docs.example/guide.md",
      title: "Setup",
      sections: [
        { heading: "Setup", level: 1, anchor: "setup" },
        { heading: "Retries", level: 2, anchor: "retries" },
      ],
      links: ["https://docs.example/limits"],
    });
    expect(reads).not.toContain(result.contentHash);
  });

  it("reuses the stored extraction for the same bytes without converting them again", async () => {
    const body = { text: "# Setup\n\nRun it.\n" };
    const fetcher = fixedFetcher(body);
    const first = await extractToStore({ entry, fetcher, store });
    const putsAfterFirst = store.puts.length;
    const second = await extractToStore({ entry, fetcher, store });
    expect(second).toEqual({ ...first, reused: true });
    expect(store.puts.length).toBe(putsAfterFirst);
    expect(fetcher.requests).toBe(2);
  });

  it("converts again when the bytes changed, when reuse is off, and for another entry", async () => {
    const body = { text: "# Setup\n\nRun it.\n" };
    const fetcher = fixedFetcher(body);
    const first = await extractToStore({ entry, fetcher, store });
    expect((await extractToStore({ entry, fetcher, store, reuse: false })).reused).toBe(false);
    expect((await extractToStore({ entry: { ...entry, id: "other" }, fetcher, store })).reused).toBe(false);
    body.text = "# Setup\n\nRun it twice.\n";
    const changed = await extractToStore({ entry, fetcher, store });
    expect(changed.reused).toBe(false);
    expect(changed.contentHash).not.toBe(first.contentHash);
  });
});
