import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type SqliteDatabase } from "../../src/database.ts";
import { readDocumentOutline } from "../../src/document-outline.ts";
import { type ContentStore, createContentStore } from "../../src/store.ts";
import type { ExtractedDocument } from "../../src/types.ts";

const document: ExtractedDocument = {
  id: "d1",
  url: "https://docs.example.com/webhooks",
  title: "Webhooks",
  markdown: "# Webhooks\n\nSign every delivery.\n\n## Retries\n\nSee [limits](https://docs.example.com/limits).\n",
  sections: [
    { heading: "Webhooks", level: 1, anchor: "webhooks", markdown: "Sign every delivery." },
    { heading: "Retries", level: 2, anchor: "retries", markdown: "See [limits](https://docs.example.com/limits)." },
  ],
  codeBlocks: [{ language: "ts", code: "verify(signature)", anchor: "webhooks" }],
  links: ["https://docs.example.com/limits"],
  tokens: 20,
};

describe("readDocumentOutline", () => {
  let database: SqliteDatabase;
  let store: ContentStore;
  let reads: string[];

  beforeEach(() => {
    database = openDatabase({ path: ":memory:" });
    const inner = createContentStore({ database });
    reads = [];
    store = { ...inner, get: (hash) => (reads.push(hash), inner.get(hash)) };
  });

  afterEach(() => {
    database.close();
  });

  it("gives the document's URL, title, headings and links, without its text or code", () => {
    expect(readDocumentOutline({ store, contentHash: store.put(document) })).toEqual({
      url: "https://docs.example.com/webhooks",
      title: "Webhooks",
      sections: [
        { heading: "Webhooks", level: 1, anchor: "webhooks" },
        { heading: "Retries", level: 2, anchor: "retries" },
      ],
      links: ["https://docs.example.com/limits"],
    });
  });

  it("reads the document once; later reads take the stored outline", () => {
    const contentHash = store.put(document);
    const first = readDocumentOutline({ store, contentHash });
    const second = readDocumentOutline({ store, contentHash });
    expect(second).toEqual(first);
    expect(reads.filter((hash) => hash === contentHash)).toHaveLength(1);
  });

  it("is undefined for a document the store lacks", () => {
    expect(readDocumentOutline({ store, contentHash: "0".repeat(64) })).toBeUndefined();
  });
});
