import { gunzipSync, gzipSync } from "node:zlib";
import type { SqliteDatabase } from "./database.ts";
import { canonicalJson, sha256 } from "./hash.ts";

// Small values are not worth the gzip header and CPU.
const COMPRESS_FROM_BYTES = 1024;

/** Content-addressed storage of JSON values, plus a key → hash cache of analysis results. */
export interface ContentStore {
  /** Stores a value; returns the sha256 of its canonical JSON. */
  put(value: unknown): string;
  /** The value stored under `hash`, or undefined. */
  get<T>(hash: string): T | undefined;
  /** Hash of the cached result under `key`, or undefined; with `since` (epoch ms), only a result cached at or after it. */
  getCached(key: string, options?: { since?: number }): string | undefined;
  /** Remembers that `key` produced the value stored under `hash`. */
  setCached(key: string, hash: string): void;
}

/** A ContentStore in the given SQLite database (tables `content` and `result_cache`). */
export function createContentStore(options: { database: SqliteDatabase }): ContentStore {
  const { database } = options;
  database.exec(`
    CREATE TABLE IF NOT EXISTS content (hash TEXT PRIMARY KEY, compressed INTEGER NOT NULL, body BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS result_cache (key TEXT PRIMARY KEY, hash TEXT NOT NULL, created_at TEXT NOT NULL);
  `);
  const insert = database.prepare("INSERT OR IGNORE INTO content (hash, compressed, body) VALUES (?, ?, ?)");
  const exists = database.prepare<[string], { found: number }>("SELECT 1 AS found FROM content WHERE hash = ?");
  const select = database.prepare<[string], { compressed: number; body: Buffer }>("SELECT compressed, body FROM content WHERE hash = ?");
  const selectCached = database.prepare<[string], { hash: string; created_at: string }>("SELECT hash, created_at FROM result_cache WHERE key = ?");
  const upsertCached = database.prepare("INSERT OR REPLACE INTO result_cache (key, hash, created_at) VALUES (?, ?, ?)");

  return {
    put(value) {
      const json = canonicalJson(value);
      const hash = sha256(json);
      // Stored content never changes: a value already there is not compressed again.
      if (exists.get(hash)) return hash;
      const bytes = Buffer.from(json, "utf8");
      const compress = bytes.length >= COMPRESS_FROM_BYTES;
      // Level 1: about half the CPU of the default for a tenth more bytes, on every value a run stores.
      insert.run(hash, compress ? 1 : 0, compress ? gzipSync(bytes, { level: 1 }) : bytes);
      return hash;
    },
    get<T>(hash: string) {
      const row = select.get(hash);
      if (!row) return undefined;
      const bytes = row.compressed ? gunzipSync(row.body) : row.body;
      return JSON.parse(bytes.toString("utf8")) as T;
    },
    getCached(key, options = {}) {
      const row = selectCached.get(key);
      if (!row || (options.since !== undefined && Date.parse(row.created_at) < options.since)) return undefined;
      return row.hash;
    },
    setCached(key, hash) {
      upsertCached.run(key, hash, new Date().toISOString());
    },
  };
}
