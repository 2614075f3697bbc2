/** --max-cost for a run: the guard every LLM request passes, and whether the cap left work undone. */
import type { SqliteDatabase } from "../src/database.ts";
import { type CostGuard, createCostGuard, isCostLimitReason } from "../src/prices/cost-guard.ts";
import { loadPriceTable } from "../src/prices/price-table.ts";
import { runCost } from "../src/prices/run-cost.ts";
import { createUsageLedger } from "../src/usage-ledger.ts";
import type { Configuration } from "./configuration.ts";
import { resolveProvider } from "./provider.ts";
import type { Services } from "./services.ts";
import type { State } from "./state.ts";

/**
 * The run's cost guard under --max-cost, counting what earlier processes of the run spent (the usage ledger), or
 * undefined without a cap or without an LLM (the local analyser costs nothing). Throws USAGE for a model with no price.
 */
export function createRunCostGuard(options: { runId: string; configuration: Configuration; database: SqliteDatabase; overrides?: Partial<Services> }): CostGuard | undefined {
  const { configuration } = options;
  if (configuration.maxCostUsd === undefined || options.overrides?.analyser || resolveProvider(configuration) !== "openai") return undefined;
  const prices = options.overrides?.prices ?? loadPriceTable(configuration.pricesPath ? { file: configuration.pricesPath } : {});
  const models = [...new Set([configuration.model, configuration.synthesisModel ?? configuration.model])];
  const spentUsd = runCost({ calls: createUsageLedger({ database: options.database }).calls(options.runId), prices }).totalUsd ?? 0;
  return createCostGuard({ maxCostUsd: configuration.maxCostUsd, prices, models, spentUsd });
}

/** The cap and why it stopped work, when it left a document or topic of the run undone. */
export function costLimitOutcome(options: { configuration: Configuration; costGuard: CostGuard | undefined; state: State }): { maxCostUsd: number; reason: string } | undefined {
  const { configuration, state } = options;
  if (configuration.maxCostUsd === undefined) return undefined;
  const topicIds = new Set(state.topics.map((topic) => topic.id));
  const reasons = [
    ...state.entries.map((entry) => state.documents[entry.id]?.failure?.reason),
    ...Object.entries(state.guidelines).map(([id, outcome]) => (topicIds.has(id) && "failure" in outcome ? outcome.failure : undefined)),
  ];
  const reason = reasons.find(isCostLimitReason) ?? options.costGuard?.stopped;
  return reason === undefined ? undefined : { maxCostUsd: configuration.maxCostUsd, reason };
}
