/** Progress as plain lines (not a terminal): what formatEvent says, plus a line per finished stage with counts, tokens and cost. */
import { formatEvent } from "../cli-format.ts";
import type { RunEvent } from "../events.ts";
import { isCostLimitReason } from "../prices/cost-guard.ts";
import { formatCount, formatDuration } from "./format.ts";
import { type Progress, type ProgressStageName, createProgress, recordEvent } from "./progress-model.ts";
import { llmLine } from "./terminal.ts";

const UNITS: Record<ProgressStageName, string> = { fetch: "documents", analyse: "answers", synthesise: "topics" };

/** The lines one event adds, given the progress after it; the cost limit is said once, not per document. */
export function plainLines(event: RunEvent, progress: Progress, alreadyLimited: boolean): string[] {
  if (event.type === "analysis-failed" && isCostLimitReason(event.reason)) return alreadyLimited ? [] : [`cost limit: ${event.reason}`];
  const line = formatEvent(event);
  const lines = line ? [line] : [];
  if (event.type !== "stage" || event.phase !== "end") return lines;
  // The stage a node closes is said before the node's own line, so lines follow the pipeline's order.
  const ended = { planBatches: "fetch", relate: "analyse", report: "synthesise" } as const;
  const name = ended[event.stage as keyof typeof ended];
  return name ? [stageLine(progress, name), ...lines] : lines;
}

/** "analyse: 28/28 answers (4 cached, 1 failed) in 3.2s; LLM: 14 calls · …". */
export function stageLine(progress: Progress, name: ProgressStageName): string {
  const stage = progress.stages[name];
  const counts = stage.total === undefined ? `${formatCount(stage.done)} ${UNITS[name]}` : `${formatCount(stage.done)}/${formatCount(stage.total)} ${UNITS[name]}`;
  const extras = [stage.cached > 0 ? `${formatCount(stage.cached)} cached` : "", stage.failed > 0 ? `${formatCount(stage.failed)} failed` : ""].filter(Boolean).join(", ");
  const time = stage.startedAt !== undefined && stage.endedAt !== undefined ? ` in ${formatDuration(stage.endedAt - stage.startedAt)}` : "";
  const llm = name === "fetch" || progress.calls === 0 ? "" : `; LLM so far: ${llmLine(progress)}`;
  return `${name}: ${counts}${extras ? ` (${extras})` : ""}${time}${llm}`;
}

/** A plain-lines renderer writing each line with `write`. */
export function createPlainProgress(options: { write: (line: string) => void; now: () => number }) {
  const progress = createProgress(options.now());
  return {
    progress,
    onEvent(event: RunEvent) {
      const limited = progress.costLimit !== undefined;
      recordEvent(progress, event, options.now());
      for (const line of plainLines(event, progress, limited)) options.write(line);
    },
    finish() {},
  };
}

/** `--json`: every event as one line of JSON, the progress kept for the summary. */
export function createJsonProgress(options: { write: (line: string) => void; now: () => number }) {
  const progress = createProgress(options.now());
  return {
    progress,
    onEvent(event: RunEvent) {
      recordEvent(progress, event, options.now());
      options.write(JSON.stringify(event));
    },
    finish() {},
  };
}
