/**
 * One GET through node:http(s) on a keep-alive agent, for the fetcher's own requests. Node's global fetch wraps every
 * answer in web streams and spent about a fifth of a document's extraction CPU on it; this reads the socket directly.
 * It does what fetch did for the fetcher: no redirect followed (the fetcher checks each hop itself), a compressed answer
 * asked for and decoded (gzip, deflate, br), the size cap applied to the bytes received and to the decoded bytes, the
 * timeout and the run's cancellation through one signal.
 */
import type { IncomingMessage } from "node:http";
import { FetchError } from "../errors.ts";
import { decodeBody, headersOf, transportFor } from "../node-http.ts";
import { type RequestOnceOptions, type RequestOutcome, judgeAnswer, networkFailure } from "./http-request.ts";

/** requestOnce without an injected fetch. */
export async function requestWithNodeHttp(options: RequestOnceOptions): Promise<RequestOutcome> {
  const { url } = options;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: IncomingMessage;
  try {
    response = await get(url, { "accept-encoding": "gzip, deflate, br", ...options.headers }, signal);
  } catch (error) {
    return networkFailure(error, options, timeout);
  }
  const headers = headersOf(response);
  let head: ReturnType<typeof judgeAnswer>;
  try {
    head = judgeAnswer({ url, status: response.statusCode ?? 0, statusText: response.statusMessage ?? "", headers, maxBytes: options.maxBytes });
  } catch (error) {
    response.destroy();
    throw error;
  }
  if (head.kind !== "read-body") {
    // Drained, so the connection goes back to the agent.
    response.resume();
    return head;
  }
  try {
    return { kind: "ok", status: response.statusCode ?? 0, headers, bytes: await readCapped(response, options.maxBytes, url.href) };
  } catch (error) {
    if (error instanceof FetchError) throw error;
    return networkFailure(error, options, timeout);
  }
}

function get(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
  const { request: send, agent } = transportFor(url);
  return new Promise((resolve, reject) => {
    const request = send(url, { method: "GET", headers, agent, signal }, resolve);
    request.on("error", reject);
    request.end();
  });
}

// The body as it came (at most `maxBytes` of it), then decoded as its content-encoding says, within `maxBytes` too.
async function readCapped(response: IncomingMessage, maxBytes: number, url: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw new FetchError(`${url} is over the ${maxBytes}-byte limit`);
      chunks.push(chunk);
    }
  } finally {
    if (!response.complete) response.destroy();
  }
  if (!response.complete) throw new Error(`the connection closed before the whole answer from ${url} arrived`);
  try {
    return decodeBody(Buffer.concat(chunks), response.headers["content-encoding"], maxBytes);
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new FetchError(`${url} is over the ${maxBytes}-byte limit`);
    throw error;
  }
}
