import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import { type Configuration, ensureConfiguration } from "../../graphs/configuration.ts";
import { type DocumentItGraph, compileGraph } from "../../graphs/compile.ts";
import { type Services, buildServices } from "../../graphs/services.ts";
import type { RunEvent } from "../../src/events.ts";

/** A fresh temporary folder. */
export function temporaryFolder(prefix = "document-it-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The graph compiled with a fresh MemorySaver, plus a config whose context carries injected services. */
export function createHarness(options: { folder: string; configuration?: Partial<Configuration>; services?: Partial<Services> }) {
  const events: RunEvent[] = [];
  const configuration = ensureConfiguration({ statePath: join(options.folder, "state.db"), outDir: join(options.folder, "out"), ...options.configuration });
  const services = buildServices(configuration, { onEvent: (event) => events.push(event), ...options.services });
  const app = compileGraph({ checkpointer: new MemorySaver() });
  const config = (threadId = "thread-1") => ({ configurable: { thread_id: threadId }, context: { ...configuration, services } as never });
  return { app, config, configuration, services, events };
}

/** Every task a run of the graph started, in order, with its step (from LangGraph's debug stream). */
export async function startedTasks(app: DocumentItGraph, input: { source: string }, config: object): Promise<Array<{ step: number; name: string }>> {
  const started: Array<{ step: number; name: string }> = [];
  for await (const chunk of await app.stream(input, { ...config, streamMode: "debug" })) {
    const event = chunk as { type: string; step: number; payload: { name: string } };
    if (event.type === "task") started.push({ step: event.step, name: event.payload.name });
  }
  return started;
}
