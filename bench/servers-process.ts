import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { CorpusRequest } from "./corpus-server.ts";
import type { CallFigures } from "./pipeline.ts";

/** What bench/servers-child.ts is asked. */
export type ServersRequest =
  | { kind: "site"; documents: number }
  | { kind: "site-requests"; since: number }
  | { kind: "mock"; latencyMs: number }
  | { kind: "mock-figures"; id: number };

/** Its answer to the request with the same id (id 0: the child is ready). */
export type ServersReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** The generated site and mock LLMs running in a child process. */
export interface ServersProcess {
  /** Generates and serves a site of `documents` documents. */
  startSite(documents: number): Promise<{ source: string; documentTokens: number; documents: number }>;
  /** The site's requests from the `since`-th on. */
  siteRequests(since: number): Promise<CorpusRequest[]>;
  /** A fresh mock LLM answering after `latencyMs` (a fresh one per run: it simulates prefix caching over what it saw). */
  startMock(latencyMs: number): Promise<{ id: number; baseUrl: string }>;
  /** The figures of every request the mock answered; closes it. */
  closeMock(id: number): Promise<CallFigures>;
  close(): void;
}

const CHILD = fileURLToPath(new URL("./servers-child.ts", import.meta.url));

/** Starts the child (through tsx, as `npm run bench` runs) and waits until it is ready. */
export async function startServersProcess(): Promise<ServersProcess> {
  const child: ChildProcess = fork(CHILD, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const ready = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject });
    child.once("exit", (code) => reject(new Error(`the bench servers process exited with ${code} before it was ready`)));
  });
  child.on("message", (reply: ServersReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiting?.resolve(reply.value);
    else waiting?.reject(new Error(`bench servers: ${reply.error}`));
  });
  await ready;
  const ask = <T>(request: ServersRequest) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, request });
    });
  return {
    startSite: (documents) => ask({ kind: "site", documents }),
    siteRequests: (since) => ask({ kind: "site-requests", since }),
    startMock: (latencyMs) => ask({ kind: "mock", latencyMs }),
    closeMock: (id) => ask({ kind: "mock-figures", id }),
    close: () => void child.disconnect(),
  };
}
