import { type LlmLimiter, type LlmLimiterOptions, type LlmLimiterStats, createLlmLimiter } from "./llm-limiter.ts";

/** The LLM limiters of a process: one per endpoint and model, shared by every caller. */
export interface LlmLimiterRegistry {
  /** The limiter of an endpoint (base URL) and model, created on first use. */
  limiterFor(target: { endpoint: string; model: string }): LlmLimiter;
  /** Stops every limiter of an endpoint, now and later ones (its API key was rejected: no model will do better). */
  stopEndpoint(endpoint: string, error: Error): void;
  /** Counters per endpoint and model. */
  stats(): Array<{ endpoint: string; model: string } & LlmLimiterStats>;
  /** Lets stopped endpoints be asked again, with fresh limiters (a new run, e.g. under `langgraph dev`, tries the key again). */
  reopenStopped(): void;
}

/** Creates a registry whose limiters all take `options` (each has its own buckets and concurrency). */
export function createLlmLimiterRegistry(options: LlmLimiterOptions): LlmLimiterRegistry {
  const limiters = new Map<string, { endpoint: string; model: string; limiter: LlmLimiter }>();
  const stoppedEndpoints = new Map<string, Error>();
  const keyOf = (endpoint: string, model: string) => JSON.stringify([endpoint, model]);
  return {
    limiterFor({ endpoint, model }) {
      const key = keyOf(endpoint, model);
      let entry = limiters.get(key);
      if (!entry) {
        entry = { endpoint, model, limiter: createLlmLimiter(options) };
        limiters.set(key, entry);
        const stopped = stoppedEndpoints.get(endpoint);
        if (stopped) entry.limiter.stop(stopped);
      }
      return entry.limiter;
    },
    stopEndpoint(endpoint, error) {
      if (!stoppedEndpoints.has(endpoint)) stoppedEndpoints.set(endpoint, error);
      for (const entry of limiters.values()) if (entry.endpoint === endpoint) entry.limiter.stop(stoppedEndpoints.get(endpoint)!);
    },
    stats: () => [...limiters.values()].map((entry) => ({ endpoint: entry.endpoint, model: entry.model, ...entry.limiter.stats() })),
    reopenStopped() {
      for (const [key, entry] of limiters) if (stoppedEndpoints.has(entry.endpoint)) limiters.delete(key);
      stoppedEndpoints.clear();
    },
  };
}
