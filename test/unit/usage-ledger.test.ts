import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/database.ts";
import { createUsageLedger } from "../../src/usage-ledger.ts";
import { temporaryFolder } from "../helpers/graph-harness.ts";

describe("the usage ledger", () => {
  it("keeps each call under its run and sums a run's calls per question across connections (processes)", () => {
    const path = join(temporaryFolder(), "state.db");
    const first = createUsageLedger({ database: openDatabase({ path }) });
    first.record("run-a", { question: "summarize", model: "m", inputTokens: 100, outputTokens: 20, cachedInputTokens: 0, estimated: false });
    first.record("run-b", { question: "summarize", model: "m", inputTokens: 7, outputTokens: 7, cachedInputTokens: 7, estimated: false });
    // A second connection to the same file, as a resumed process opens it.
    const second = createUsageLedger({ database: openDatabase({ path }) });
    second.record("run-a", { question: "summarize", model: "m", inputTokens: 50, outputTokens: 10, cachedInputTokens: 40, estimated: true });
    second.record("run-a", { question: "relate", model: "m", inputTokens: 30, outputTokens: 5, cachedInputTokens: 0, estimated: false });
    expect(first.totals("run-a")).toEqual({
      summarize: { calls: 2, inputTokens: 150, outputTokens: 30, cachedInputTokens: 40 },
      relate: { calls: 1, inputTokens: 30, outputTokens: 5, cachedInputTokens: 0 },
    });
    expect(first.calls("run-a").map((call) => call.estimated)).toEqual([false, true, false]);
    expect(second.totals("run-c")).toEqual({});
  });
});
