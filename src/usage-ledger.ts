import type { SqliteDatabase } from "./database.ts";
import type { RunManifest } from "./run-types.ts";

/** The token usage of one LLM response. */
export interface UsageCall {
  question: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** Input tokens the provider served from its prefix cache. */
  cachedInputTokens: number;
  /** True when the endpoint reported no usage and the numbers were counted locally. */
  estimated: boolean;
  /** The documents (or parts) a summarize or topic call asked about. */
  documentIds?: string[];
  /** The topic a synthesize call wrote. */
  topicId?: string;
}

/** Token usage per question, summed over calls. */
export type UsageByQuestion = NonNullable<RunManifest["usage"]>;

/**
 * Per-call LLM usage kept beside the checkpoints, keyed by run id, written as each response arrives: a run
 * killed and resumed by another process still reports the usage of both.
 */
export interface UsageLedger {
  record(runId: string, call: UsageCall): void;
  /** Every call of the run, in the order recorded. */
  calls(runId: string): UsageCall[];
  /** Per question, summed over every call of the run by every process. */
  totals(runId: string): UsageByQuestion;
}

interface UsageRow {
  question: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  estimated: number;
  subjects: string | null;
}

/** A UsageLedger in the given SQLite database (table `llm_usage`). */
export function createUsageLedger(options: { database: SqliteDatabase; now?: () => Date }): UsageLedger {
  const { database } = options;
  const now = options.now ?? (() => new Date());
  database.exec(`CREATE TABLE IF NOT EXISTS llm_usage (
    id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, question TEXT NOT NULL, model TEXT NOT NULL,
    input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cached_input_tokens INTEGER NOT NULL,
    estimated INTEGER NOT NULL, recorded_at TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS llm_usage_run ON llm_usage (run_id);`);
  // What each call was about (documents, topic), for the cost per document and topic; added to older state files.
  if (!database.prepare<[], { name: string }>("PRAGMA table_info(llm_usage)").all().some((column) => column.name === "subjects")) database.exec("ALTER TABLE llm_usage ADD COLUMN subjects TEXT");
  const insert = database.prepare(
    "INSERT INTO llm_usage (run_id, question, model, input_tokens, output_tokens, cached_input_tokens, estimated, recorded_at, subjects) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const select = database.prepare<[string], UsageRow>("SELECT question, model, input_tokens, output_tokens, cached_input_tokens, estimated, subjects FROM llm_usage WHERE run_id = ? ORDER BY id");

  const calls = (runId: string): UsageCall[] =>
    select.all(runId).map((row) => ({
      question: row.question,
      model: row.model,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      cachedInputTokens: row.cached_input_tokens,
      estimated: row.estimated === 1,
      ...(row.subjects ? (JSON.parse(row.subjects) as Pick<UsageCall, "documentIds" | "topicId">) : {}),
    }));
  return {
    record(runId, call) {
      insert.run(runId, call.question, call.model, call.inputTokens, call.outputTokens, call.cachedInputTokens, call.estimated ? 1 : 0, now().toISOString(), subjectsOf(call));
    },
    calls,
    totals(runId) {
      const totals: UsageByQuestion = {};
      for (const call of calls(runId)) {
        const question = (totals[call.question] ??= { calls: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 });
        question.calls += 1;
        question.inputTokens += call.inputTokens;
        question.outputTokens += call.outputTokens;
        question.cachedInputTokens += call.cachedInputTokens;
      }
      return totals;
    },
  };
}

function subjectsOf(call: UsageCall): string | null {
  if (call.documentIds === undefined && call.topicId === undefined) return null;
  return JSON.stringify({ ...(call.documentIds ? { documentIds: call.documentIds } : {}), ...(call.topicId ? { topicId: call.topicId } : {}) });
}
