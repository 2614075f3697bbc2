import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type SqliteDatabase } from "../../src/database.ts";
import { createContentStore, type ContentStore } from "../../src/store.ts";

describe("createContentStore", () => {
  let database: SqliteDatabase;
  let store: ContentStore;

  beforeEach(() => {
    database = openDatabase({ path: ":memory:" });
    store = createContentStore({ database });
  });

  afterEach(() => {
    database.close();
  });

  it("returns the sha256 of the canonical JSON and reads the value back", () => {
    const hash = store.put({ b: [1, { d: "x", c: null }], a: 2 });
    expect(hash).toBe("41f07cb8ff3f7cef7a9c5149f898e296ff840cc7d3b3d92714818619fb45dc95");
    expect(store.get(hash)).toEqual({ a: 2, b: [1, { c: null, d: "x" }] });
  });

  it("gives equal values the same hash whatever their key order, and stores them once", () => {
    expect(store.put({ a: 1, b: 2 })).toBe(store.put({ b: 2, a: 1 }));
    expect(database.prepare("SELECT COUNT(*) AS n FROM content").get()).toEqual({ n: 1 });
  });

  it("gives different values different hashes", () => {
    expect(store.put({ a: 1 })).not.toBe(store.put({ a: 2 }));
  });

  it("compresses a large value and reads it back equal", () => {
    const value = { text: "retry with backoff ".repeat(500) };
    const hash = store.put(value);
    const row = database.prepare<[string], { compressed: number; size: number }>("SELECT compressed, length(body) AS size FROM content WHERE hash = ?").get(hash);
    expect(row?.compressed).toBe(1);
    expect(row!.size).toBeLessThan(1_000);
    expect(store.get(hash)).toEqual(value);
  });

  it("stores a small value uncompressed", () => {
    const hash = store.put("small");
    expect(database.prepare<[string], { compressed: number; body: Buffer }>("SELECT compressed, body FROM content WHERE hash = ?").get(hash)).toEqual({ compressed: 0, body: Buffer.from('"small"') });
    expect(store.get(hash)).toBe("small");
  });

  it("returns undefined for an unknown hash", () => {
    expect(store.get("0".repeat(64))).toBeUndefined();
  });

  it("remembers, and replaces, the hash cached under a key", () => {
    expect(store.getCached("summary:d1")).toBeUndefined();
    store.setCached("summary:d1", "h1");
    expect(store.getCached("summary:d1")).toBe("h1");
    store.setCached("summary:d1", "h2");
    expect([store.getCached("summary:d1"), store.getCached("summary:d2")]).toEqual(["h2", undefined]);
  });

  it("sees what another store on the same database wrote", () => {
    const hash = store.put({ shared: true });
    store.setCached("k", hash);
    const second = createContentStore({ database });
    expect([second.getCached("k"), second.get(hash)]).toEqual([hash, { shared: true }]);
  });
});
