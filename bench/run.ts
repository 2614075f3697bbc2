import { setMaxListeners } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import type { BenchFigures } from "./scenario.ts";
import { SCENARIOS } from "./scenarios.ts";

/** What bench/results.json holds: the figures of the last run of each scenario. */
export interface BenchResults {
  node: string;
  platform: string;
  /** Logical CPUs of the machine. */
  cpus: number;
  /** `loadAverage`: the one-minute load average when the scenario started (other work on the machine slows wall times). */
  scenarios: Record<string, { description: string; finishedAt: string; quick?: boolean; loadAverage: number; figures: BenchFigures }>;
}

const RESULTS_PATH = fileURLToPath(new URL("./results.json", import.meta.url));

/** Runs the scenarios named in `names` (all when empty), prints a table and merges their figures into results.json; `quick` shrinks their sizes. */
export async function runBench(options: { names: string[]; quick?: boolean; print?: (text: string) => void }): Promise<number> {
  const print = options.print ?? ((text: string) => process.stdout.write(`${text}\n`));
  const unknown = options.names.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name));
  if (unknown.length > 0) {
    print(`unknown scenario: ${unknown.join(", ")} (scenarios: ${SCENARIOS.map((scenario) => scenario.name).join(", ")})`);
    return 2;
  }
  const selected = options.names.length === 0 ? SCENARIOS : SCENARIOS.filter((scenario) => options.names.includes(scenario.name));
  const results = readResults();
  const rows: string[][] = [];
  for (const scenario of selected) {
    const loadAverage = Math.round(loadavg()[0]! * 100) / 100;
    print(`running ${scenario.name}: ${scenario.description} (load average ${loadAverage})`);
    const quick = options.quick ?? false;
    const figures = await scenario.run({ quick });
    results.scenarios[scenario.name] = { description: scenario.description, finishedAt: new Date().toISOString(), ...(quick ? { quick } : {}), loadAverage, figures };
    Object.entries(figures).forEach(([figure, value], index) => rows.push([index === 0 ? scenario.name : "", figure, String(value)]));
  }
  print(table([["SCENARIO", "FIGURE", "VALUE"], ...rows]));
  writeFileSync(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
  print(`figures written to ${RESULTS_PATH}`);
  return 0;
}

// Running a subset keeps the other scenarios' last figures, so results.json always describes every scenario.
function readResults(): BenchResults {
  const fresh: BenchResults = { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length, scenarios: {} };
  try {
    const previous = JSON.parse(readFileSync(RESULTS_PATH, "utf8")) as BenchResults;
    return { ...fresh, scenarios: previous.scenarios ?? {} };
  } catch {
    return fresh;
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 || column === 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ")).join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // LangGraph adds one abort listener per parallel task; the CLI raises the same cap.
  setMaxListeners(1000);
  const args = process.argv.slice(2);
  process.exitCode = await runBench({ names: args.filter((arg) => arg !== "--quick"), quick: args.includes("--quick") });
}
