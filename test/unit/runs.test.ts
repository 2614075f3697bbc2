import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type SqliteDatabase } from "../../src/database.ts";
import { DocumentItError } from "../../src/errors.ts";
import { createRunRegistry, type RunRegistry } from "../../src/runs.ts";

describe("createRunRegistry", () => {
  let database: SqliteDatabase;
  let registry: RunRegistry;
  let minute: number;

  beforeEach(() => {
    database = openDatabase({ path: ":memory:" });
    minute = 0;
    // Each call of the clock is one minute later than the one before.
    registry = createRunRegistry({ database, now: () => new Date(Date.UTC(2025, 0, 1, 12, minute++)) });
  });

  afterEach(() => {
    database.close();
  });

  it("creates a running run and reads it back", () => {
    registry.create({ runId: "r1", source: "https://x.dev/llms.txt", outDir: "output/r1", options: { concurrency: 8 } });
    expect(registry.get("r1")).toEqual({
      runId: "r1",
      source: "https://x.dev/llms.txt",
      outDir: "output/r1",
      status: "running",
      createdAt: "2025-01-01T12:00:00.000Z",
      updatedAt: "2025-01-01T12:00:00.000Z",
      options: { concurrency: 8 },
    });
  });

  it("records status, coverage and message on update, keeping coverage when an update omits it", () => {
    registry.create({ runId: "r1", source: "s", outDir: "o", options: {} });
    registry.update("r1", { status: "completed-with-failures", coverage: { total: 3, analysed: 2, failed: 1, skipped: 0 } });
    expect(registry.get("r1")).toEqual({
      runId: "r1",
      source: "s",
      outDir: "o",
      status: "completed-with-failures",
      createdAt: "2025-01-01T12:00:00.000Z",
      updatedAt: "2025-01-01T12:01:00.000Z",
      options: {},
      coverage: { total: 3, analysed: 2, failed: 1, skipped: 0 },
    });
    registry.update("r1", { status: "failed", message: "disk full" });
    expect(registry.get("r1")).toMatchObject({ status: "failed", message: "disk full", updatedAt: "2025-01-01T12:02:00.000Z", coverage: { total: 3, analysed: 2, failed: 1, skipped: 0 } });
  });

  it("lists runs newest first", () => {
    for (const runId of ["r1", "r2", "r3"]) registry.create({ runId, source: "s", outDir: "o", options: {} });
    registry.update("r1", { status: "completed" });
    expect(registry.list().map((run) => [run.runId, run.status])).toEqual([
      ["r3", "running"],
      ["r2", "running"],
      ["r1", "completed"],
    ]);
  });

  it("lists nothing for an empty registry", () => {
    expect(registry.list()).toEqual([]);
  });

  it("throws RUN_NOT_FOUND naming an unknown id", () => {
    let caught: unknown;
    try {
      registry.get("nope");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DocumentItError);
    expect(caught).toMatchObject({ code: "RUN_NOT_FOUND", isInputError: true, message: expect.stringContaining('"nope"') });
  });

  it("refuses a second run with the same id", () => {
    registry.create({ runId: "r1", source: "s", outDir: "o", options: {} });
    expect(() => registry.create({ runId: "r1", source: "t", outDir: "p", options: {} })).toThrow(/UNIQUE/);
  });
});
