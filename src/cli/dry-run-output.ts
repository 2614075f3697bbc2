/** How `run --dry-run` prints its report: a table for people, one JSON object with --json. */
import type { DryRunReport } from "../../graphs/dry-run.ts";
import { formatUsd } from "../prices/run-cost.ts";
import { formatCount } from "../progress/format.ts";

/** The dry run's lines. */
export function formatDryRun(report: DryRunReport): string[] {
  const count = (status: DryRunReport["documents"][number]["status"]) => report.documents.filter((document) => document.status === status).length;
  const lines = [
    `Dry run of ${report.source}: no LLM request sent, no output written (fetched pages are cached in the state file).`,
    `Analyser: ${report.provider} (${report.model}). Documents: ${count("analyse")} to analyse, ${count("cached")} answered from the cache, ${count("failed")} failed, ${count("skipped")} skipped; ${report.batches} batches.`,
  ];
  for (const document of report.documents) {
    const tokens = document.tokens === undefined ? "" : `  ${formatCount(document.tokens)} tokens`;
    lines.push(`  ${document.status.padEnd(8)} ${document.url}${tokens}${document.reason ? ` — ${document.reason}` : ""}`);
  }
  const header = ["ESTIMATE", "CALLS", "INPUT TOKENS", "CACHED", "OUTPUT TOKENS", "COST"];
  const rows = [...Object.entries(report.estimate.byNode), ["total", report.estimate.total] as const].map(([node, figures]) => [
    node,
    formatCount(figures.calls),
    formatCount(figures.inputTokens),
    formatCount(figures.cachedInputTokens),
    formatCount(figures.outputTokens),
    formatUsd(figures.costUsd),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  for (const row of [header, ...rows]) lines.push(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  "));
  lines.push(`Prices: ${report.prices.date ?? "undated"}${report.prices.overrideFile ? ` and ${report.prices.overrideFile}` : ""}; "unknown" means a model has no price (add it with --prices FILE).`);
  for (const assumption of report.estimate.assumptions) lines.push(`Assumes ${assumption}.`);
  return lines;
}
