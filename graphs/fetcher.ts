import { type FetchHosts, type Fetcher, createFetchHosts, createFetcher } from "../src/fetch/index.ts";
import { sourceHostOf } from "../src/source.ts";
import type { Configuration } from "./configuration.ts";
import type { Services } from "./services.ts";

// Services injected without per-host state still get one per services object, so every branch shares its limits.
const fallbackHosts = new WeakMap<Services, FetchHosts>();

/** Options of createRunFetcher. */
export interface CreateRunFetcherOptions {
  configuration: Configuration;
  services: Services;
  /** Hostnames that may resolve to private addresses: the source's own host. */
  trustedHosts: readonly string[];
  /** file: URLs may be read (a local source's documents). */
  allowFiles: boolean;
  /** The run's abort signal. */
  signal?: AbortSignal;
  /** False: requests carry no validators (a document matching --force). */
  conditional?: boolean;
}

/** A fetcher for one node call, over the run's shared per-host state, global limiter and HTTP cache. */
export function createRunFetcher(options: CreateRunFetcherOptions): { fetcher: Fetcher; hosts: FetchHosts } {
  const { configuration, services } = options;
  let hosts = services.fetchHosts ?? fallbackHosts.get(services);
  if (!hosts) fallbackHosts.set(services, (hosts = createFetchHosts({ concurrency: configuration.hostConcurrency })));
  const fetcher = createFetcher({
    hosts,
    limiter: services.fetchLimiter,
    ...(services.fetch ? { fetch: services.fetch } : {}),
    ...(services.httpCache ? { cache: services.httpCache } : {}),
    ...(options.conditional === false ? { conditional: false } : {}),
    ...(services.resolveHost ? { resolveHost: services.resolveHost } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    timeoutMs: configuration.fetchTimeoutMs,
    maxBytes: configuration.maxDocumentBytes,
    attempts: configuration.fetchAttempts,
    maxRedirects: configuration.maxRedirects,
    allowPrivate: configuration.allowPrivate,
    ignoreRobots: configuration.ignoreRobots,
    trustedHosts: options.trustedHosts,
    allowFiles: options.allowFiles,
  });
  return { fetcher, hosts };
}

/** The fetcher of a source's own requests (its index, its landing page): the source's host may be private, no file: URLs. */
export function createSourceFetcher(options: { configuration: Configuration; services: Services; source: string; signal?: AbortSignal }): Fetcher {
  const sourceHost = sourceHostOf(options.source);
  const { configuration, services, signal } = options;
  return createRunFetcher({ configuration, services, trustedHosts: sourceHost ? [sourceHost] : [], allowFiles: false, ...(signal ? { signal } : {}) }).fetcher;
}
