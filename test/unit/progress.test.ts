import { describe, expect, it } from "vitest";
import type { RunEvent } from "../../src/events.ts";
import { useColor } from "../../src/progress/format.ts";
import { createProgress, recordEvent } from "../../src/progress/progress-model.ts";
import { createTerminalProgress, renderFrame } from "../../src/progress/terminal.ts";

// A run at the clock's seconds: discover finds 4 documents, 3 extract and 1 fails, 2 batches of 3 members, 2 topics.
const timeline: Array<[number, RunEvent]> = [
  [1, { type: "stage", stage: "discover", phase: "end", count: 4 }],
  [2, { type: "document", documentId: "a", url: "u/a", status: "extracted" }],
  [3, { type: "document", documentId: "b", url: "u/b", status: "failed", stage: "fetch", reason: "HTTP 404" }],
  [5, { type: "document", documentId: "c", url: "u/c", status: "extracted" }],
  [5, { type: "document", documentId: "d", url: "u/d", status: "extracted" }],
  [6, { type: "stage", stage: "planBatches", phase: "end", count: 1, members: 3 }],
  [7, { type: "usage", question: "summarize", model: "m", inputTokens: 12_000, outputTokens: 900, cachedInputTokens: 0, costUsd: 0.006 }],
  [7, { type: "analysis", question: "summarize", ids: ["a", "c", "d"], cached: false }],
  [8, { type: "analysis", question: "topic", ids: ["a"], cached: true }],
];

function framesAt(events: Array<[number, RunEvent]>, color = false): string[][] {
  const progress = createProgress(0);
  return events.map(([second, event]) => (recordEvent(progress, event, second * 1000), renderFrame(progress, { now: second * 1000, color })));
}

describe("the terminal progress frames", () => {
  it("show per stage done/total, failures, cached answers, ETA, and the LLM's tokens and cost so far", () => {
    const frames = framesAt(timeline);
    expect(frames[0]).toEqual(["fetch      [--------------------] 0/4 documents  0.0s", "analyse    waiting", "synthesise waiting", "LLM        no calls yet"]);
    // 2 of 4 documents in 2 s: 2 s to go.
    expect(frames[2]![0]).toBe("fetch      [##########----------] 2/4 documents (1 failed)  2.0s, ETA 2.0s");
    expect(frames.at(-1)).toEqual([
      "fetch      [####################] 4/4 documents (1 failed)  done in 5.0s",
      "analyse    [#############-------] 4/6 answers (1 cached)  2.0s, ETA 1.0s",
      "synthesise waiting",
      "LLM        1 calls · 12,000 tokens in · 900 out · $0.0060",
    ]);
  });

  it("colours only when asked, and says when --max-cost stopped new requests", () => {
    const [frame] = framesAt([[1, { type: "stage", stage: "discover", phase: "end", count: 1 }]], true);
    expect(frame!.join("\n")).toContain("\u001b[2m");
    const limited = framesAt([[1, { type: "analysis-failed", question: "summarize", ids: ["a"], reason: "cost limit reached: spent $1" }]]);
    expect(limited[0]!.at(-1)).toBe("--max-cost reached: no new LLM request starts; requests in flight finish");
    expect(useColor({ isTTY: true, environment: {} })).toBe(true);
    expect(useColor({ isTTY: true, environment: { NO_COLOR: "1" } })).toBe(false);
    expect(useColor({ isTTY: false, environment: {} })).toBe(false);
  });

  it("redraws in place: cursor up over the last frame, clear, new frame", () => {
    const written: string[] = [];
    let now = 0;
    const display = createTerminalProgress({ write: (text) => written.push(text), now: () => now, color: false, intervalMs: 100 });
    display.onEvent({ type: "stage", stage: "discover", phase: "end", count: 2 });
    now = 50;
    display.onEvent({ type: "document", documentId: "a", url: "u/a", status: "extracted" });
    expect(written).toHaveLength(1);
    display.finish();
    expect(written[0]!.startsWith("fetch")).toBe(true);
    expect(written[1]!.startsWith("\u001b[4F\u001b[J")).toBe(true);
    expect(written[1]).toContain("1/2 documents");
  });
});
