import { describeError } from "../src/errors.ts";
import { canonicalJson, sha256 } from "../src/hash.ts";
import type { ContentStore } from "../src/store.ts";
import { checkTopicGroups } from "../src/topic-candidates.ts";
import type { LlmTrace } from "../src/tracing.ts";
import type { Analyser } from "../src/types.ts";
import { answerCacheKey } from "./analyse-batch.ts";

/**
 * Groups of synonymous topic names from the analyser, asked only when more than `threshold` distinct names are
 * left after the deterministic merge and the analyser can (`mergeTopics`). The answer is checked (see
 * checkTopicGroups) and cached by the sorted names, prompt versions and model, so a re-run asks nothing. A
 * failed call is reported through `onFailure` and gives no groups: the deterministic merge stands, the run goes on.
 */
export async function synonymGroups(options: {
  analyser: Analyser;
  names: readonly string[];
  threshold: number;
  /** `read: false` under --no-cache (the answer is still written). */
  cache: { store: ContentStore; read: boolean };
  trace?: LlmTrace;
  onFailure?: (reason: string) => void;
}): Promise<string[][]> {
  const { analyser, cache } = options;
  if (!analyser.mergeTopics || options.names.length <= options.threshold) return [];
  const names = [...options.names].sort();
  const key = answerCacheKey({ analyser, question: "relate", contentHash: sha256(canonicalJson(names)), contextHash: "" });
  const cachedHash = cache.read ? cache.store.getCached(key) : undefined;
  const cached = cachedHash ? cache.store.get<string[][]>(cachedHash) : undefined;
  if (cached) return cached;
  try {
    const answer = await analyser.mergeTopics({ names, ...(options.trace ? { trace: options.trace } : {}) });
    const groups = checkTopicGroups({ names, groups: answer });
    cache.store.setCached(key, cache.store.put(groups));
    return groups;
  } catch (error) {
    options.onFailure?.(`${describeError(error)}; topic names merged by spelling only`);
    return [];
  }
}
