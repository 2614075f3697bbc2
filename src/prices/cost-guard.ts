/**
 * --max-cost: every LLM request is admitted only while what the run has spent, plus what requests in flight may
 * cost, plus this request's estimate stays within the cap. The first refusal stops all new LLM work of the process.
 */
import { DocumentItError } from "../errors.ts";
import type { RequestThrottle, ThrottledRequest } from "../providers/openai/answer-engine.ts";
import { type PriceTable, costOf, priceOf } from "./price-table.ts";
import { formatUsd } from "./run-cost.ts";

/** Every failure reason the cost limit leaves starts with this, so reports and resume can tell it from real failures. */
export const COST_LIMIT_REASON = "cost limit reached";

/** Output tokens assumed for a request before its answer says, unless a larger answer to the same question was seen. */
export const ASSUMED_OUTPUT_TOKENS = 1024;

/** A request refused because it could pass --max-cost; a document or topic it leaves is recorded as not analysed. */
export class CostLimitError extends DocumentItError {
  override readonly name = "CostLimitError";

  constructor(message: string) {
    super("COST_LIMIT", message);
  }
}

/** True for a failure reason the cost limit left (the work was not done, not failed). */
export function isCostLimitReason(reason: string | undefined): boolean {
  return reason !== undefined && reason.includes(COST_LIMIT_REASON);
}

/** The cap and what counts against it. */
export interface CostGuard {
  readonly maxCostUsd: number;
  /** USD spent by the run so far: earlier processes' calls plus this one's settled requests. */
  spentUsd(): number;
  /** Why the guard stopped admitting requests, once it has. */
  readonly stopped: string | undefined;
  /** The throttle hook that admits, reserves and settles each request. */
  throttle: RequestThrottle;
}

/** A guard for `maxCostUsd`; `spentUsd` is what the run spent before this process. Throws USAGE for a model without a price. */
export function createCostGuard(options: { maxCostUsd: number; prices: PriceTable; models: string[]; spentUsd?: number }): CostGuard {
  const { maxCostUsd, prices } = options;
  for (const model of options.models) {
    if (!priceOf(prices, model)) throw new DocumentItError("USAGE", `--max-cost needs the price of model "${model}", which the price table does not list; add it with --prices FILE`);
  }
  let spent = options.spentUsd ?? 0;
  let reserved = 0;
  let stopped: string | undefined;
  const largestOutput = new Map<string, number>();

  const estimate = (request: ThrottledRequest): number => {
    const outputTokens = request.maxOutputTokens ?? Math.max(ASSUMED_OUTPUT_TOKENS, largestOutput.get(request.question) ?? 0);
    return costOf({ inputTokens: request.estimatedInputTokens, cachedInputTokens: 0, outputTokens }, priceOf(prices, request.model)!);
  };
  const admit = (request: ThrottledRequest): number => {
    const next = estimate(request);
    if (stopped === undefined && spent + reserved + next > maxCostUsd) {
      stopped = `${COST_LIMIT_REASON}: spent ${formatUsd(spent)}${reserved > 0 ? ` (and ${formatUsd(reserved)} in flight)` : ""} of --max-cost ${formatUsd(maxCostUsd)}, and the next ${request.question} request would cost about ${formatUsd(next)}; no new LLM request was started`;
    }
    if (stopped !== undefined) throw new CostLimitError(stopped);
    reserved += next;
    return next;
  };
  const settle = (request: ThrottledRequest, held: number) => {
    reserved -= held;
    const usage = request.response().usage;
    // Without reported usage the estimate stands as spent; cached input is not discounted here, so the guard errs high.
    if (!usage) return void (spent += request.response().status === undefined || request.response().status! >= 300 ? 0 : held);
    largestOutput.set(request.question, Math.max(largestOutput.get(request.question) ?? 0, usage.outputTokens));
    spent += costOf({ ...usage, cachedInputTokens: 0 }, priceOf(prices, request.model)!);
  };

  return {
    maxCostUsd,
    spentUsd: () => spent,
    get stopped() {
      return stopped;
    },
    throttle: async <T>(request: ThrottledRequest, send: () => Promise<T>): Promise<T> => {
      const held = admit(request);
      try {
        return await send();
      } finally {
        settle(request, held);
      }
    },
  };
}

/** Two throttles in a row: `outer` admits first, then `inner` wraps the send. */
export function chainThrottles(outer: RequestThrottle | undefined, inner: RequestThrottle | undefined): RequestThrottle | undefined {
  if (!outer || !inner) return outer ?? inner;
  return <T>(request: ThrottledRequest, send: () => Promise<T>) => outer(request, () => inner(request, send));
}
