/** How a run shows its progress and ends: a live terminal display, plain lines, or JSON events; then the summary. */
import type { RunEvent } from "../events.ts";
import { useColor } from "./format.ts";
import { createJsonProgress, createPlainProgress } from "./plain.ts";
import { type SummaryInput, formatSummary, summaryEvent } from "./summary.ts";
import { createTerminalProgress } from "./terminal.ts";

export { formatSummary, summaryEvent, type SummaryInput } from "./summary.ts";
export { renderFrame } from "./terminal.ts";

/** Where and how progress goes. */
export interface RunOutputOptions {
  /** `--json`: events and the summary as JSON lines on stdout. */
  json: boolean;
  /** Lines for stdout and stderr (a newline is added). */
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Raw stderr of a terminal: set only when stderr is a TTY, for the live display. */
  terminal?: { write: (text: string) => void };
  environment: NodeJS.ProcessEnv;
  now: () => number;
}

/** A run's output: `onEvent` for the run's events, `finish` to print the summary once the run returns. */
export function createRunOutput(options: RunOutputOptions) {
  const startedAt = options.now();
  const display = options.json
    ? createJsonProgress({ write: options.stdout, now: options.now })
    : options.terminal
      ? createTerminalProgress({ write: options.terminal.write, now: options.now, color: useColor({ isTTY: true, environment: options.environment }) })
      : createPlainProgress({ write: options.stderr, now: options.now });
  return {
    onEvent: (event: RunEvent) => display.onEvent(event),
    finish(result: SummaryInput): void {
      display.finish();
      const wallTimeMs = options.now() - startedAt;
      if (options.json) options.stdout(JSON.stringify(summaryEvent(result, { wallTimeMs })));
      else for (const line of formatSummary(result, { wallTimeMs })) options.stdout(line);
    },
  };
}
