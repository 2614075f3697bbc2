import { parseLlmsTxtScenario } from "./parse-llms-txt.ts";
import type { BenchScenario } from "./scenario.ts";

/** Every benchmark scenario, in the order `npm run bench` runs them. */
export const SCENARIOS: readonly BenchScenario[] = [parseLlmsTxtScenario];
