import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

/** An open SQLite database (better-sqlite3). */
export type SqliteDatabase = Database.Database;

/** Opens (and creates, with its folder) the SQLite file that holds checkpoints, content and runs. */
export function openDatabase(options: { path: string }): SqliteDatabase {
  if (options.path !== ":memory:") mkdirSync(dirname(options.path), { recursive: true });
  const database = new Database(options.path);
  // WAL lets a second process (`document-it runs`) read while a run writes.
  database.pragma("journal_mode = WAL");
  database.pragma("busy_timeout = 5000");
  database.pragma("synchronous = NORMAL");
  return database;
}
