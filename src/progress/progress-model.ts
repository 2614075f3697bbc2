/** What the progress display knows of a run, folded from its events: per stage counts and times, LLM tokens and cost. */
import type { RunEvent } from "../events.ts";
import { isCostLimitReason } from "../prices/cost-guard.ts";

/** Stages shown, in order: fetch (documents), analyse (summarize and topic answers), synthesise (topics). */
export const PROGRESS_STAGES = ["fetch", "analyse", "synthesise"] as const;

/** One displayed stage. */
export type ProgressStageName = (typeof PROGRESS_STAGES)[number];

/** Counts and times of one stage; `total` is unknown until the stage before it ends. */
export interface StageProgress {
  done: number;
  total?: number;
  failed: number;
  /** Items answered from the cache (no LLM call). */
  cached: number;
  startedAt?: number;
  endedAt?: number;
}

/** The whole display state. */
export interface Progress {
  startedAt: number;
  stages: Record<ProgressStageName, StageProgress>;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** USD so far; null once a call's model has no price. */
  costUsd: number | null;
  /** Set when --max-cost refused a request. */
  costLimit?: string;
}

/** An empty progress, started at `now`. */
export function createProgress(now: number): Progress {
  const stage = (): StageProgress => ({ done: 0, failed: 0, cached: 0 });
  return { startedAt: now, stages: { fetch: stage(), analyse: stage(), synthesise: stage() }, calls: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, costUsd: 0 };
}

/** Folds one event into `progress` (in place) at time `now`; returns the stage the event moved, if any. */
export function recordEvent(progress: Progress, event: RunEvent, now: number): ProgressStageName | undefined {
  const { stages } = progress;
  switch (event.type) {
    case "stage":
      return event.phase === "end" ? recordStageEnd(progress, event, now) : undefined;
    case "document":
      stages.fetch.done += 1;
      if (event.status === "failed") stages.fetch.failed += 1;
      return "fetch";
    case "analysis": {
      const stage = event.question === "synthesize" ? stages.synthesise : stages.analyse;
      stage.done += event.ids.length;
      if (event.cached) stage.cached += event.ids.length;
      return event.question === "synthesize" ? "synthesise" : "analyse";
    }
    case "analysis-failed": {
      if (isCostLimitReason(event.reason)) progress.costLimit ??= event.reason;
      if (event.question !== "summarize" && event.question !== "topic" && event.question !== "synthesize") return undefined;
      const name = event.question === "synthesize" ? "synthesise" : "analyse";
      stages[name].done += event.ids.length;
      stages[name].failed += event.ids.length;
      return name;
    }
    case "usage":
      progress.calls += 1;
      progress.inputTokens += event.inputTokens;
      progress.outputTokens += event.outputTokens;
      progress.cachedInputTokens += event.cachedInputTokens;
      progress.costUsd = progress.costUsd === null || event.costUsd === null ? null : progress.costUsd + event.costUsd;
      return undefined;
    case "provider":
      return undefined;
  }
}

/** Milliseconds until the stage is done, from its pace so far; undefined before there is a pace. */
export function estimateRemaining(stage: StageProgress, now: number): number | undefined {
  if (stage.total === undefined || stage.startedAt === undefined || stage.endedAt !== undefined || stage.done === 0) return undefined;
  return ((now - stage.startedAt) / stage.done) * Math.max(0, stage.total - stage.done);
}

// A stage's end starts the next display stage, whose total it knows (discover: documents; planBatches: members × 2 questions).
function recordStageEnd(progress: Progress, event: Extract<RunEvent, { type: "stage" }>, now: number): ProgressStageName | undefined {
  const { fetch, analyse, synthesise } = progress.stages;
  const begin = (stage: StageProgress, total: number | undefined) => {
    stage.startedAt ??= now;
    if (total !== undefined) stage.total = total;
  };
  const end = (stage: StageProgress) => {
    stage.startedAt ??= now;
    stage.endedAt = now;
  };
  switch (event.stage) {
    case "discover":
      begin(fetch, event.count);
      return "fetch";
    case "planBatches":
      end(fetch);
      begin(analyse, event.members === undefined ? undefined : event.members * 2);
      return "analyse";
    case "relate":
      end(analyse);
      begin(synthesise, event.count);
      return "synthesise";
    case "report":
      end(synthesise);
      return "synthesise";
    default:
      return undefined;
  }
}
