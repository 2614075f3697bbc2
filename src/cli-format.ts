import type { RunEvent } from "./events.ts";
import type { RunRecord } from "./runs.ts";

/** One progress line for an event, or undefined for events not worth a line. */
export function formatEvent(event: RunEvent): string | undefined {
  switch (event.type) {
    case "stage":
      if (event.phase !== "end") return undefined;
      return `${event.stage}: done${event.count === undefined ? "" : ` (${event.count})`}`;
    case "document":
      return event.status === "failed" ? `document failed: ${event.url} — ${event.stage}: ${event.reason}` : undefined;
    case "analysis-failed":
      return event.ids.length > 0 ? `${event.question} failed for ${event.ids.join(", ")}: ${event.reason}` : `${event.question} failed: ${event.reason}`;
    case "analysis":
      return undefined;
    case "provider":
      return `analyser: ${event.provider} (${event.model}); ${event.reason}`;
  }
}

/** The `document-it runs` table. */
export function formatRuns(runs: RunRecord[]): string {
  if (runs.length === 0) return "No runs yet. Start one with: document-it run <source>";
  const rows = runs.map((run) => [
    run.runId,
    run.status,
    run.coverage ? `${run.coverage.analysed}/${run.coverage.total} analysed, ${run.coverage.failed} failed` : "-",
    run.createdAt.replace("T", " ").slice(0, 19),
    run.source,
  ]);
  const header = ["RUN ID", "STATUS", "COVERAGE", "STARTED (UTC)", "SOURCE"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  return [header, ...rows].map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  ")).join("\n");
}
