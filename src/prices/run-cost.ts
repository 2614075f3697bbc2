/** What a run's LLM calls cost: in total, per node (question), per document and per topic. */
import type { RunEvent } from "../events.ts";
import { type PriceTable, type TokenUsage, costOf, priceOf } from "./price-table.ts";

/** One LLM call as the usage ledger keeps it. */
export interface PricedCall extends TokenUsage {
  question: string;
  model: string;
  /** The documents (or parts, `<id>#part-N`) a summarize or topic call asked about. */
  documentIds?: string[];
  /** The topic a synthesize call wrote. */
  topicId?: string;
}

/** Usage and cost of one node's calls; `costUsd` is null when a model of them has no price. */
export interface NodeCost extends TokenUsage {
  calls: number;
  costUsd: number | null;
}

/** run.json's `cost`. USD; null where a call's model has no price (the cost is unknown, not zero). */
export interface RunCost {
  currency: "USD";
  totalUsd: number | null;
  /** Models called that the price table does not list. */
  unpricedModels: string[];
  /** Per node: context, summarize, topic, relate, synthesize. */
  byNode: Record<string, NodeCost>;
  /** Per document: its share of the summarize and topic calls it was asked in, split by its tokens. */
  byDocument: Record<string, number>;
  /** Per topic: its synthesize calls. */
  byTopic: Record<string, number>;
  /** Where the prices came from. */
  prices: { date?: string; source?: string; overrideFile?: string };
}

/** Prices every call; `tokensOf` weighs a document (or part) within its batch, 1 each when unknown. */
export function runCost(options: { calls: readonly PricedCall[]; prices: PriceTable; tokensOf?: (memberId: string) => number | undefined }): RunCost {
  const { prices } = options;
  const cost: RunCost = { currency: "USD", totalUsd: 0, unpricedModels: [], byNode: {}, byDocument: {}, byTopic: {}, prices: pricesSource(prices) };
  for (const call of options.calls) {
    const node = (cost.byNode[call.question] ??= { calls: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, costUsd: 0 });
    node.calls += 1;
    node.inputTokens += call.inputTokens;
    node.outputTokens += call.outputTokens;
    node.cachedInputTokens += call.cachedInputTokens;
    const price = priceOf(prices, call.model);
    if (!price) {
      if (!cost.unpricedModels.includes(call.model)) cost.unpricedModels.push(call.model);
      node.costUsd = null;
      cost.totalUsd = null;
      continue;
    }
    const usd = costOf(call, price);
    if (node.costUsd !== null) node.costUsd += usd;
    if (cost.totalUsd !== null) cost.totalUsd += usd;
    if (call.topicId !== undefined) cost.byTopic[call.topicId] = (cost.byTopic[call.topicId] ?? 0) + usd;
    const members = call.documentIds ?? [];
    const weights = members.map((id) => Math.max(1, options.tokensOf?.(id) ?? 1));
    const sum = weights.reduce((total, weight) => total + weight, 0);
    members.forEach((id, index) => {
      const document = id.replace(/#part-\d+$/, "");
      cost.byDocument[document] = (cost.byDocument[document] ?? 0) + (usd * weights[index]!) / sum;
    });
  }
  return cost;
}

/** Where a table's prices came from, for run.json and the dry run. */
export function pricesSource(prices: PriceTable): RunCost["prices"] {
  return { ...(prices.date ? { date: prices.date } : {}), ...(prices.source ? { source: prices.source } : {}), ...(prices.overrideFile ? { overrideFile: prices.overrideFile } : {}) };
}

/** "$0.0123", or "unknown" for a null cost. */
export function formatUsd(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return "unknown";
  return `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

/** The progress event of one LLM response, priced. */
export function usageEvent(call: PricedCall, prices: PriceTable): Extract<RunEvent, { type: "usage" }> {
  const price = priceOf(prices, call.model);
  const { question, model, inputTokens, outputTokens, cachedInputTokens } = call;
  return { type: "usage", question, model, inputTokens, outputTokens, cachedInputTokens, costUsd: price ? costOf(call, price) : null };
}
