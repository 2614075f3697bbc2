/**
 * LangChain runs every runnable call (each node task, channel write and route of the graph) inside
 * `AsyncLocalStorageProviderSingleton.runWithConfig`, which keeps the call's config in AsyncLocalStorage for the code
 * below it. Without a LangSmith tracer it still builds a langsmith `RunTree` to hold that config: a uuid7 from
 * crypto, a timestamp string and a dozen environment reads that nothing reads back, since nothing traces. That was
 * about a tenth of a 200-document run's CPU, much of it between an LLM answer and the next call.
 *
 * `installLeanRunContext` makes the untraced case hold the config in a plain object, which is all the readers of
 * that store use: `getRunnableConfig()` (LangGraph's `getConfig`, the answer engine's ambient signal) reads
 * `extra[lc:child_config]`, and context variables are carried over as before. Whenever a LangSmith tracer is among
 * the call's callbacks (tracing switched on by its variables, or a tracer passed in), LangChain's own method runs,
 * so traces are unchanged. Written against @langchain/core 1.4.0 (pinned); test/unit/lean-run-context.test.ts pins
 * the behaviour this relies on.
 */
import { CallbackManager } from "@langchain/core/callbacks/manager";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";

// The keys @langchain/core's async_local_storage module uses (global symbols, so these are the same ones).
const LC_CHILD_KEY = Symbol.for("lc:child_config");
const CONTEXT_VARIABLES_KEY = Symbol.for("lc:context_variables");
const INSTALLED = Symbol.for("document-it:lean-run-context");

type RunWithConfig = (config: unknown, callback: () => unknown, avoidCreatingRootRunTree?: boolean) => unknown;
interface Provider {
  runWithConfig: RunWithConfig;
  getInstance(): { getStore(): unknown; run(store: unknown, callback: () => unknown): unknown };
  [INSTALLED]?: true;
}
export interface CallbackConfig {
  callbacks?: unknown;
  tags?: string[];
  metadata?: Record<string, unknown>;
}

/** True when a call with this config is traced to LangSmith: switched on by its variables, or a tracer passed in. */
export function hasLangSmithTracer(config: CallbackConfig | undefined): boolean {
  // The same callback manager LangChain builds for the call: it adds the LangSmith tracer when tracing is switched on.
  const manager = CallbackManager._configureSync(config?.callbacks as never, undefined, config?.tags, undefined, config?.metadata);
  return manager?.handlers?.some((handler) => handler?.name === "langchain_tracer") ?? false;
}

/** Installs the lean untraced path on LangChain's provider once per process; later calls do nothing. */
export function installLeanRunContext(): void {
  const provider = AsyncLocalStorageProviderSingleton as unknown as Provider;
  if (provider[INSTALLED]) return;
  const original = provider.runWithConfig.bind(provider);
  provider.runWithConfig = function runWithConfig(config, callback, avoidCreatingRootRunTree) {
    if (hasLangSmithTracer(config as CallbackConfig | undefined)) return original(config, callback, avoidCreatingRootRunTree);
    const storage = provider.getInstance();
    const previous = storage.getStore() as Record<symbol, unknown> | undefined;
    let store: Record<string | symbol, unknown> | undefined = avoidCreatingRootRunTree ? undefined : { extra: { [LC_CHILD_KEY]: config } };
    if (previous !== undefined && previous[CONTEXT_VARIABLES_KEY] !== undefined) {
      store ??= {};
      store[CONTEXT_VARIABLES_KEY] = previous[CONTEXT_VARIABLES_KEY];
    }
    return storage.run(store, callback);
  };
  provider[INSTALLED] = true;
}
