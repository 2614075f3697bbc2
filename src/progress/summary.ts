/** The end-of-run summary: a table for people, an event for --json. */
import { isCostLimitReason } from "../prices/cost-guard.ts";
import { type RunCost, formatUsd } from "../prices/run-cost.ts";
import { formatCount, formatDuration } from "./format.ts";

/** What the summary reads of a run's result (graphs/run.ts RunResult). */
export interface SummaryInput {
  runId: string;
  outDir: string;
  coverage: { total: number; analysed: number; failed: number; skipped: number };
  failedDocuments: Array<{ url: string; failure?: { stage: string; reason: string } }>;
  failedTopics: Array<{ id: string; reason: string }>;
  usage?: Record<string, { calls: number; inputTokens: number; outputTokens: number; cachedInputTokens: number }>;
  cost?: RunCost;
  costLimit?: { maxCostUsd: number; reason: string };
}

/** Failed documents counted by reason: the stage that failed, or "cost limit" for those --max-cost left. */
export function failuresByReason(input: Pick<SummaryInput, "failedDocuments">): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const document of input.failedDocuments) {
    const reason = isCostLimitReason(document.failure?.reason) ? "cost limit" : (document.failure?.stage ?? "analysis");
    counts[reason] = (counts[reason] ?? 0) + 1;
  }
  return counts;
}

/** Calls and tokens over every question. */
export function usageTotals(usage: SummaryInput["usage"]) {
  const totals = { calls: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };
  for (const question of Object.values(usage ?? {})) {
    totals.calls += question.calls;
    totals.inputTokens += question.inputTokens;
    totals.outputTokens += question.outputTokens;
    totals.cachedInputTokens += question.cachedInputTokens;
  }
  return totals;
}

/** The summary table and the lines after it (each failure, then how to continue a run --max-cost stopped). */
export function formatSummary(input: SummaryInput, options: { wallTimeMs: number }): string[] {
  const { coverage } = input;
  const totals = usageTotals(input.usage);
  const byReason = Object.entries(failuresByReason(input));
  const perQuestion = Object.entries(input.usage ?? {}).map(([question, usage]) => `${question} ${formatCount(usage.calls)}`).join(", ");
  const prices = input.cost?.prices.date ? ` (prices of ${input.cost.prices.date}${input.cost.prices.overrideFile ? ` and ${input.cost.prices.overrideFile}` : ""})` : "";
  const unpriced = input.cost && input.cost.unpricedModels.length > 0 ? `: no price for ${input.cost.unpricedModels.join(", ")} (add it with --prices FILE)` : "";
  const rows: Array<[string, string]> = [
    ["documents", `${formatCount(coverage.analysed)} analysed of ${formatCount(coverage.total)} · ${formatCount(coverage.failed)} failed · ${formatCount(coverage.skipped)} skipped`],
    ...(byReason.length > 0 ? [["failed by", byReason.map(([reason, count]) => `${reason} ${formatCount(count)}`).join(" · ")] as [string, string]] : []),
    ["LLM calls", totals.calls === 0 ? "0" : `${formatCount(totals.calls)} (${perQuestion})`],
    ["tokens", `${formatCount(totals.inputTokens)} in (${formatCount(totals.cachedInputTokens)} cached) · ${formatCount(totals.outputTokens)} out`],
    ["cost", totals.calls === 0 ? "$0" : `${formatUsd(input.cost?.totalUsd ?? null)}${prices}${unpriced}`],
    ["wall time", formatDuration(options.wallTimeMs)],
    ["output", input.outDir],
  ];
  const lines = [`Run ${input.runId}`, ...rows.map(([label, value]) => `  ${label.padEnd(10)}  ${value}`)];
  for (const document of input.failedDocuments) {
    if (!isCostLimitReason(document.failure?.reason)) lines.push(`  failed: ${document.url} — ${document.failure?.stage ?? "analysis"}: ${document.failure?.reason ?? "unknown reason"}`);
  }
  for (const topic of input.failedTopics) if (!isCostLimitReason(topic.reason)) lines.push(`  topic failed: ${topic.id} — ${topic.reason}`);
  if (input.costLimit) {
    lines.push(
      `Stopped at --max-cost ${formatUsd(input.costLimit.maxCostUsd)}: ${input.costLimit.reason}.`,
      `Partial outputs are written. Continue with a higher cap (finished work is not asked again): document-it resume ${input.runId} --max-cost <USD>`,
    );
  }
  return lines;
}

/** The `--json` summary event: the result's figures and the wall time. */
export function summaryEvent(input: SummaryInput, options: { wallTimeMs: number }) {
  return {
    type: "summary" as const,
    runId: input.runId,
    outDir: input.outDir,
    coverage: input.coverage,
    failedByReason: failuresByReason(input),
    llm: usageTotals(input.usage),
    costUsd: input.cost ? input.cost.totalUsd : totalsOrZero(input),
    wallTimeMs: options.wallTimeMs,
    ...(input.costLimit ? { costLimit: input.costLimit } : {}),
  };
}

// No cost block means no LLM call was made: that costs nothing.
function totalsOrZero(input: SummaryInput): number | null {
  return usageTotals(input.usage).calls === 0 ? 0 : null;
}
