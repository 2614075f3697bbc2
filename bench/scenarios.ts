import { parseLlmsTxtScenario } from "./parse-llms-txt.ts";
import { pipelineThroughputScenario } from "./pipeline-throughput.ts";
import { rateLimitScenario } from "./rate-limit.ts";
import { resumeScenario } from "./resume.ts";
import { scaleScenario } from "./scale.ts";
import type { BenchScenario } from "./scenario.ts";

/** Every benchmark scenario, in the order `npm run bench` runs them. */
export const SCENARIOS: readonly BenchScenario[] = [parseLlmsTxtScenario, pipelineThroughputScenario, resumeScenario, scaleScenario, rateLimitScenario];
