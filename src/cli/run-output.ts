/** The CLI's side of a run: cost flags, the progress output it picks, the summary and the exit code. */
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { DocumentItError } from "../errors.ts";
import { type SummaryInput, createRunOutput } from "../progress/index.ts";

/** Exit status of a run that --max-cost stopped (partial outputs written; resumable with a higher cap). */
export const EXIT_COST_LIMIT = 3;

/** --prices and --max-cost as run options. */
export function costFlags(values: { prices?: string; "max-cost"?: string }): { pricesPath?: string; maxCostUsd?: number } {
  return {
    ...(values.prices !== undefined ? { pricesPath: pricesFile(values.prices) } : {}),
    ...(values["max-cost"] !== undefined ? { maxCostUsd: usd(values["max-cost"], "--max-cost") } : {}),
  };
}

/** A flag's value as a positive amount of USD ("0.50", "$2"). */
export function usd(text: string, flag: string): number {
  const value = Number(text.replace(/^\$/, ""));
  if (!Number.isFinite(value) || value <= 0) throw new DocumentItError("USAGE", `${flag} must be a positive amount of USD such as 0.50, got "${text}"`);
  return value;
}

function pricesFile(path: string): string {
  if (!existsSync(path) || !statSync(path).isFile()) throw new DocumentItError("USAGE", `--prices must be a JSON file, got "${path}"`);
  return resolve(path);
}

/**
 * The output of a run command: `--json` events on stdout; a live display when stderr is a terminal (and no test
 * replaced it); plain lines otherwise. NO_COLOR turns colour off.
 */
export function createCliOutput(options: { json: boolean; stdout: (line: string) => void; stderr: (line: string) => void; stderrReplaced: boolean; now?: () => number }) {
  const terminal = !options.stderrReplaced && process.stderr.isTTY ? { write: (text: string) => void process.stderr.write(text) } : undefined;
  return createRunOutput({ json: options.json, stdout: options.stdout, stderr: options.stderr, ...(terminal ? { terminal } : {}), environment: process.env, now: options.now ?? Date.now });
}

/** Prints the summary; the exit code: 3 stopped at --max-cost, 1 some document or topic failed, else 0. */
export function finishRun(output: ReturnType<typeof createRunOutput>, result: SummaryInput): number {
  output.finish(result);
  if (result.costLimit) return EXIT_COST_LIMIT;
  return result.coverage.failed > 0 || result.failedTopics.length > 0 ? 1 : 0;
}
