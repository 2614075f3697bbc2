import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sha256 } from "../src/hash.ts";
import type { Corpus } from "./corpus.ts";

/** One request the corpus server answered. */
export interface CorpusRequest {
  path: string;
  /** The request carried If-None-Match. */
  conditional: boolean;
  status: number;
}

/** A running corpus site on 127.0.0.1. */
export interface CorpusServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  origin: string;
  requests: CorpusRequest[];
  close(): Promise<void>;
}

/** Serves a generated corpus with strong ETags, answering 304 to a matching If-None-Match, as a CDN would. */
export async function startCorpusServer(options: { corpus: Corpus }): Promise<CorpusServer> {
  const etags = new Map([...options.corpus.files].map(([path, file]) => [path, `"${sha256(file.body).slice(0, 16)}"`]));
  const requests: CorpusRequest[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const file = options.corpus.files.get(path);
    const conditional = request.headers["if-none-match"] !== undefined;
    const answer = (status: number) => requests.push({ path, conditional, status });
    if (!file) {
      answer(404);
      return void response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
    const etag = etags.get(path)!;
    if (request.headers["if-none-match"] === etag) {
      answer(304);
      return void response.writeHead(304, { etag }).end();
    }
    answer(200);
    response.writeHead(200, { "content-type": file.contentType, etag }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
