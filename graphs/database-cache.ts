import { resolve } from "node:path";
import { type SqliteDatabase, openDatabase } from "../src/database.ts";

const open = new Map<string, SqliteDatabase>();

/** One SQLite connection per state file per process, shared by the checkpointer, the store and the run registry. */
export function createDatabase(path: string): SqliteDatabase {
  const key = path === ":memory:" ? path : resolve(path);
  let database = open.get(key);
  if (!database || !database.open) {
    database = openDatabase({ path: key });
    open.set(key, database);
  }
  return database;
}
