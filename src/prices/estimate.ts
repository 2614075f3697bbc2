/**
 * The dry run's estimate of LLM calls, tokens and cost. Calls and input tokens of context, summarize and topic come
 * from the exact batch plan; relate and synthesize depend on the topics the answers will name, so they rest on the
 * assumptions below, which the estimate lists.
 */
import { type PriceTable, costOf, priceOf } from "./price-table.ts";
import type { NodeCost } from "./run-cost.ts";

/** Output tokens assumed per answer: per document for summarize and topic, per call otherwise. */
export const ASSUMED_OUTPUT = { summarizePerDocument: 400, topicPerDocument: 120, context: 600, relate: 400, synthesize: 1200 } as const;
/** Topics a document feeds once relate has merged topic names and kept the strongest (each document keeps its best). */
export const ASSUMED_TOPICS_PER_DOCUMENT = 1;
/** Topic names a topic answer gives per document, before relate merges them (decides whether relate asks the LLM). */
export const ASSUMED_TOPIC_NAMES_PER_DOCUMENT = 2;

/** What the estimate is computed from. */
export interface EstimateInput {
  /** Input tokens of the context call, when it is not cached. */
  contextInputTokens?: number;
  /** Each planned summarize or topic call: its input tokens and how many documents (or parts) it asks about. */
  analysisCalls: Array<{ question: "summarize" | "topic"; inputTokens: number; documents: number }>;
  /** Documents that will have answers (asked now or cached), and how many of them are asked now. */
  documents: { analysed: number; asked: number; averageSectionTokens: number };
  synthesis: { promptTokens: number; sourceTokens: number; maxTopics: number; topicMergeThreshold: number };
  models: { analysis: string; synthesis: string };
  prices: PriceTable;
}

/** Estimated calls, tokens and cost per node and in total; costs are null for a model without a price. */
export interface RunEstimate {
  byNode: Record<string, NodeCost>;
  total: NodeCost;
  assumptions: string[];
}

/** The estimate; summarize and topic share a prompt prefix, so the second of a batch's two calls is counted as cached. */
export function estimateRun(input: EstimateInput): RunEstimate {
  const byNode: Record<string, NodeCost> = {};
  const add = (node: string, model: string, call: { inputTokens: number; outputTokens: number; cachedInputTokens?: number }) => {
    const usage = { inputTokens: call.inputTokens, outputTokens: call.outputTokens, cachedInputTokens: call.cachedInputTokens ?? 0 };
    const entry = (byNode[node] ??= { calls: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, costUsd: 0 });
    entry.calls += 1;
    entry.inputTokens += usage.inputTokens;
    entry.outputTokens += usage.outputTokens;
    entry.cachedInputTokens += usage.cachedInputTokens;
    const price = priceOf(input.prices, model);
    entry.costUsd = entry.costUsd === null || !price ? null : entry.costUsd + costOf(usage, price);
  };
  const { analysis, synthesis } = input.models;
  if (input.contextInputTokens !== undefined) add("context", analysis, { inputTokens: input.contextInputTokens, outputTokens: ASSUMED_OUTPUT.context });
  for (const call of input.analysisCalls) {
    const perDocument = call.question === "summarize" ? ASSUMED_OUTPUT.summarizePerDocument : ASSUMED_OUTPUT.topicPerDocument;
    // The topic call repeats the summarize prefix byte for byte; providers cache prefixes from 1,024 tokens.
    const cachedInputTokens = call.question === "topic" && call.inputTokens >= 1024 ? Math.round(call.inputTokens * 0.95) : 0;
    add(call.question, analysis, { inputTokens: call.inputTokens, outputTokens: perDocument * call.documents, cachedInputTokens });
  }
  const { documents } = input;
  const names = documents.analysed * ASSUMED_TOPIC_NAMES_PER_DOCUMENT;
  if (documents.asked > 0 && names > input.synthesis.topicMergeThreshold) add("relate", analysis, { inputTokens: 300 + names * 6, outputTokens: ASSUMED_OUTPUT.relate });
  // A re-run whose answers are all cached finds the same topics, whose guidelines are cached too.
  const topics = documents.asked === 0 ? 0 : Math.min(input.synthesis.maxTopics, Math.max(1, documents.analysed));
  const sourcesPerTopic = topics === 0 ? 0 : Math.max(1, Math.round((documents.analysed * ASSUMED_TOPICS_PER_DOCUMENT) / topics));
  // A synthesis source is the document's analysis (about a summarize answer) and the one section its topic named.
  const sourceTokens = Math.round(Math.min(input.synthesis.sourceTokens, sourcesPerTopic * (ASSUMED_OUTPUT.summarizePerDocument + documents.averageSectionTokens)));
  for (let topic = 0; topic < topics; topic += 1) add("synthesize", synthesis, { inputTokens: input.synthesis.promptTokens + sourceTokens, outputTokens: ASSUMED_OUTPUT.synthesize });
  const total: NodeCost = { calls: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, costUsd: 0 };
  for (const node of Object.values(byNode)) {
    total.calls += node.calls;
    total.inputTokens += node.inputTokens;
    total.outputTokens += node.outputTokens;
    total.cachedInputTokens += node.cachedInputTokens;
    total.costUsd = total.costUsd === null || node.costUsd === null ? null : total.costUsd + node.costUsd;
  }
  return {
    byNode,
    total,
    assumptions: [
      "context, summarize and topic: calls and input tokens from the batch plan and the result cache, as the run will ask them",
      `output tokens: about ${ASSUMED_OUTPUT.summarizePerDocument} per document for summarize, ${ASSUMED_OUTPUT.topicPerDocument} for topic, ${ASSUMED_OUTPUT.synthesize} per synthesis`,
      `topics are not known before the topic answers: one per analysed document up to maxTopics (${input.synthesis.maxTopics}), each fed by about ${sourcesPerTopic} documents (${ASSUMED_TOPICS_PER_DOCUMENT} topic per document), each source its analysis and one average section, within the synthesis source budget (${input.synthesis.sourceTokens} tokens)`,
    ],
  };
}
