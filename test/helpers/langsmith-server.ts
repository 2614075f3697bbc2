/**
 * A LangSmith-compatible ingest server on 127.0.0.1 for tests: answers `GET /info`, takes runs from
 * `POST /runs/multipart` (and the older `POST /runs/batch`, `POST /runs`, `PATCH /runs/:id`), merges each run's
 * create and update parts by id, and keeps every raw body so a test can look for secrets in what was sent.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

/** One run as the client described it, its create and update merged. */
export interface TracedRun {
  id: string;
  name: string;
  run_type: string;
  parent_run_id?: string;
  trace_id?: string;
  dotted_order?: string;
  tags?: string[];
  extra?: { metadata?: Record<string, unknown> } & Record<string, unknown>;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  error?: string;
  start_time?: string;
  end_time?: string;
  [field: string]: unknown;
}

/** One request as received. */
export interface IngestRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body as text, after any gzip. */
  body: string;
}

/** A running ingest server. */
export interface LangSmithServer {
  /** The endpoint for LANGSMITH_ENDPOINT. */
  url: string;
  requests: IngestRequest[];
  /** Every run received, by id. */
  runs: Map<string, TracedRun>;
  close(): Promise<void>;
}

/** Starts the server on an ephemeral port. */
export async function startLangSmithServer(): Promise<LangSmithServer> {
  const requests: IngestRequest[] = [];
  const runs = new Map<string, TracedRun>();
  // A run's create and its update may arrive in either order (the client sends batches concurrently): the update wins.
  const parts = { post: new Map<string, Record<string, unknown>>(), patch: new Map<string, Record<string, unknown>>() };
  const merge = (kind: "post" | "patch", id: string, fields: Record<string, unknown>) => {
    parts[kind].set(id, { ...parts[kind].get(id), ...fields });
    runs.set(id, { ...parts.post.get(id), ...parts.patch.get(id), id } as TracedRun);
  };

  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let raw = Buffer.concat(chunks);
    if (request.headers["content-encoding"] === "gzip") raw = gunzipSync(raw);
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    requests.push({ method: request.method ?? "GET", path, headers: request.headers, body: raw.toString("utf8") });
    const json = (status: number, body: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    try {
      if (request.method === "GET" && path === "/info") return json(200, { version: "0.10.0", instance_flags: {}, batch_ingest_config: { use_multipart_endpoint: true } });
      if (request.method === "POST" && path === "/runs/multipart") {
        const form = await new Response(raw, { headers: { "content-type": request.headers["content-type"] ?? "" } }).formData();
        for (const [name, value] of form.entries()) {
          const [kind, id, field] = name.split(".") as [string, string, string?];
          if (kind !== "post" && kind !== "patch") continue;
          const parsed = JSON.parse(typeof value === "string" ? value : await value.text()) as Record<string, unknown>;
          merge(kind, id, field ? { [field]: parsed } : parsed);
        }
        return json(202, {});
      }
      if (request.method === "POST" && path === "/runs/batch") {
        const batch = JSON.parse(raw.toString("utf8")) as { post?: TracedRun[]; patch?: TracedRun[] };
        for (const run of batch.post ?? []) merge("post", run.id, run);
        for (const run of batch.patch ?? []) merge("patch", run.id, run);
        return json(202, {});
      }
      if (request.method === "POST" && path === "/runs") {
        const run = JSON.parse(raw.toString("utf8")) as TracedRun;
        merge("post", run.id, run);
        return json(202, {});
      }
      const patch = /^\/runs\/([^/]+)$/.exec(path);
      if (request.method === "PATCH" && patch) {
        merge("patch", patch[1]!, JSON.parse(raw.toString("utf8")) as Record<string, unknown>);
        return json(202, {});
      }
      return json(404, { detail: `no ${request.method} ${path} here` });
    } catch (error) {
      return json(400, { detail: String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    runs,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
