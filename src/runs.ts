import type { SqliteDatabase } from "./database.ts";
import { DocumentItError } from "./errors.ts";

/** Lifecycle of a run as the registry records it. */
export type RunStatus = "running" | "completed" | "completed-with-failures" | "stopped-at-cost-limit" | "interrupted" | "failed";

/** One run as `document-it runs` lists it. */
export interface RunRecord {
  runId: string;
  source: string;
  outDir: string;
  status: RunStatus;
  createdAt: string;
  updatedAt: string;
  /** The options the run was started with (no secrets), so `resume` can restore them. */
  options: Record<string, unknown>;
  coverage?: { total: number; analysed: number; failed: number; skipped: number };
  /** Why a failed run stopped. */
  message?: string;
}

interface RunRow {
  run_id: string;
  source: string;
  out_dir: string;
  status: RunStatus;
  created_at: string;
  updated_at: string;
  options: string;
  coverage: string | null;
  message: string | null;
}

/** The table of runs kept beside the checkpoints. */
export interface RunRegistry {
  create(run: { runId: string; source: string; outDir: string; options: Record<string, unknown> }): void;
  update(runId: string, change: { status: RunStatus; coverage?: RunRecord["coverage"]; message?: string }): void;
  /** The run, or a RUN_NOT_FOUND error naming the id. */
  get(runId: string): RunRecord;
  /** Every run, newest first. */
  list(): RunRecord[];
}

function toRecord(row: RunRow): RunRecord {
  return {
    runId: row.run_id,
    source: row.source,
    outDir: row.out_dir,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    options: JSON.parse(row.options) as Record<string, unknown>,
    ...(row.coverage ? { coverage: JSON.parse(row.coverage) as RunRecord["coverage"] } : {}),
    ...(row.message ? { message: row.message } : {}),
  };
}

/** A RunRegistry in the given SQLite database (table `runs`). */
export function createRunRegistry(options: { database: SqliteDatabase; now?: () => Date }): RunRegistry {
  const { database } = options;
  const now = options.now ?? (() => new Date());
  database.exec(`CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY, source TEXT NOT NULL, out_dir TEXT NOT NULL, status TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, options TEXT NOT NULL, coverage TEXT, message TEXT)`);
  const insert = database.prepare(
    "INSERT INTO runs (run_id, source, out_dir, status, created_at, updated_at, options) VALUES (?, ?, ?, 'running', ?, ?, ?)",
  );
  const updateRow = database.prepare("UPDATE runs SET status = ?, coverage = COALESCE(?, coverage), message = ?, updated_at = ? WHERE run_id = ?");
  const select = database.prepare<[string], RunRow>("SELECT * FROM runs WHERE run_id = ?");
  const selectAll = database.prepare<[], RunRow>("SELECT * FROM runs ORDER BY created_at DESC, run_id DESC");

  return {
    create(run) {
      const at = now().toISOString();
      insert.run(run.runId, run.source, run.outDir, at, at, JSON.stringify(run.options));
    },
    update(runId, change) {
      const coverage = change.coverage ? JSON.stringify(change.coverage) : null;
      updateRow.run(change.status, coverage, change.message ?? null, now().toISOString(), runId);
    },
    get(runId) {
      const row = select.get(runId);
      if (!row) throw new DocumentItError("RUN_NOT_FOUND", `no run with id "${runId}" (see \`document-it runs\`)`);
      return toRecord(row);
    },
    list() {
      return selectAll.all().map(toRecord);
    },
  };
}
