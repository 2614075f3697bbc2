/** The live progress of a run on a terminal: one line per stage and one for the LLM, redrawn in place on stderr. */
import type { RunEvent } from "../events.ts";
import { formatUsd } from "../prices/run-cost.ts";
import { formatCount, formatDuration, palette } from "./format.ts";
import { PROGRESS_STAGES, type Progress, type StageProgress, createProgress, estimateRemaining, recordEvent } from "./progress-model.ts";

const BAR_WIDTH = 20;
const LABELS = { fetch: "fetch", analyse: "analyse", synthesise: "synthesise" } as const;
const UNITS = { fetch: "documents", analyse: "answers", synthesise: "topics" } as const;

/** The lines of one frame: a line per stage, then the LLM line. Pure: the same progress and time give the same frame. */
export function renderFrame(progress: Progress, options: { now: number; color: boolean }): string[] {
  const paint = palette(options.color);
  const lines = PROGRESS_STAGES.map((name) => {
    const stage = progress.stages[name];
    const label = LABELS[name].padEnd(10);
    if (stage.startedAt === undefined) return `${paint.dim(label)} ${paint.dim("waiting")}`;
    const counts = stage.total === undefined ? `${formatCount(stage.done)} ${UNITS[name]}` : `${formatCount(stage.done)}/${formatCount(stage.total)} ${UNITS[name]}`;
    const extras = [stage.cached > 0 ? `${formatCount(stage.cached)} cached` : "", stage.failed > 0 ? paint.red(`${formatCount(stage.failed)} failed`) : ""].filter(Boolean).join(", ");
    const timing = stage.endedAt !== undefined ? paint.green(`done in ${formatDuration(stage.endedAt - stage.startedAt)}`) : eta(stage, options.now);
    return `${label} ${bar(stage, options.color)} ${counts}${extras ? ` (${extras})` : ""}  ${timing}`;
  });
  lines.push(`${"LLM".padEnd(10)} ${llmLine(progress)}`);
  if (progress.costLimit) lines.push(paint.yellow(`--max-cost reached: no new LLM request starts; requests in flight finish`));
  return lines;
}

/** "3 calls · 12,345 in (4,000 cached) · 678 out · $0.0042". */
export function llmLine(progress: Progress): string {
  if (progress.calls === 0) return "no calls yet";
  const cached = progress.cachedInputTokens > 0 ? ` (${formatCount(progress.cachedInputTokens)} cached)` : "";
  return `${formatCount(progress.calls)} calls · ${formatCount(progress.inputTokens)} tokens in${cached} · ${formatCount(progress.outputTokens)} out · ${formatUsd(progress.costUsd)}`;
}

/** A terminal renderer: `onEvent` redraws at most every `intervalMs` (and whenever a stage starts or ends); `finish` draws the last frame. */
export function createTerminalProgress(options: { write: (text: string) => void; now: () => number; color: boolean; intervalMs?: number }) {
  const progress = createProgress(options.now());
  const interval = options.intervalMs ?? 100;
  let drawnLines = 0;
  let drawnAt = Number.NEGATIVE_INFINITY;
  const draw = () => {
    const now = options.now();
    const frame = renderFrame(progress, { now, color: options.color });
    // Back to the first line of the last frame, clear to the end of the screen, write the new frame.
    options.write(`${drawnLines > 0 ? `\u001b[${drawnLines}F\u001b[J` : ""}${frame.join("\n")}\n`);
    drawnLines = frame.length;
    drawnAt = now;
  };
  return {
    progress,
    onEvent(event: RunEvent) {
      const before = stageMarks(progress);
      recordEvent(progress, event, options.now());
      if (stageMarks(progress) !== before || options.now() - drawnAt >= interval) draw();
    },
    finish: draw,
  };
}

function bar(stage: StageProgress, color: boolean): string {
  const paint = palette(color);
  const share = stage.endedAt !== undefined ? 1 : stage.total ? Math.min(1, stage.done / stage.total) : 0;
  const filled = Math.round(share * BAR_WIDTH);
  return `[${paint.green("#".repeat(filled))}${"-".repeat(BAR_WIDTH - filled)}]`;
}

function eta(stage: StageProgress, now: number): string {
  const remaining = estimateRemaining(stage, now);
  return remaining === undefined ? `${formatDuration(now - stage.startedAt!)}` : `${formatDuration(now - stage.startedAt!)}, ETA ${formatDuration(remaining)}`;
}

// Which stages have started and ended: a change is worth a frame at once.
function stageMarks(progress: Progress): string {
  return PROGRESS_STAGES.map((name) => `${progress.stages[name].startedAt !== undefined}${progress.stages[name].endedAt !== undefined}`).join("") + String(progress.costLimit !== undefined);
}
