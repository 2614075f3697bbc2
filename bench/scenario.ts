/** Figures a scenario reports: name → number or text, printed in the table and written to results.json. */
export type BenchFigures = Record<string, number | string>;

/** How a scenario is run: `quick` shrinks its sizes for a fast check (its figures are then not the targets' sizes). */
export interface BenchOptions {
  quick: boolean;
}

/** One benchmark scenario; add a module exporting one and list it in bench/scenarios.ts. */
export interface BenchScenario {
  /** Kebab-case name, used to select the scenario on the command line. */
  name: string;
  /** One line saying what is measured. */
  description: string;
  run(options: BenchOptions): Promise<BenchFigures>;
}

/** Median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((first, second) => first - second);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A seeded pseudo-random generator (mulberry32), so generated corpora are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
