/**
 * Topic and summarize send one batch behind a byte-identical prefix so that the provider's prefix cache serves the
 * second call. A provider caches a prefix once it has processed a request: two requests sent together both miss. So
 * summarize asks once topic of the same batch has been answered (or has failed). With more batches than LLM slots this
 * costs no time (the limiter is busy with other batches meanwhile); with fewer it costs one answer's latency. Topic
 * goes first because relate's synonym question needs only the topic answers (see early-grouping.ts).
 */
export interface PrefixOrder {
  /** Runs the first question's work for `key`; `after(key)` waits for it while it runs. */
  first<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Settles once the work running under `key` has settled; at once when none runs (a resume whose topic finished before). */
  after(key: string): Promise<void>;
}

/** The order of one process (services); `enabled: false` (no prefix cache to warm, as with the local analyser) never waits. */
export function createPrefixOrder(options: { enabled: boolean }): PrefixOrder {
  const running = new Map<string, Promise<void>>();
  return {
    first(key, work) {
      const done = work();
      if (!options.enabled) return done;
      const settled = done.then(
        () => undefined,
        () => undefined,
      );
      running.set(key, settled);
      void settled.then(() => {
        if (running.get(key) === settled) running.delete(key);
      });
      return done;
    },
    async after(key) {
      await running.get(key);
    },
  };
}

/** The key of a batch's questions: the same batch under the same context. */
export function prefixKey(task: { contextHash: string; batchId: string }): string {
  return `${task.contextHash}:${task.batchId}`;
}
