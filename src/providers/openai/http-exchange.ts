/**
 * How the OpenAI client's requests reach the endpoint. Node's global fetch wraps every request body and response in
 * web streams; for an LLM call (a JSON body out, a JSON answer back) that cost about three times the CPU of a plain
 * node:http(s) request on a keep-alive agent (0.33 against 0.10 ms per call with a 56 KB prompt, measured here), and
 * the run spends it between an answer and the next request. So a request the client sends the usual way (a string
 * body or none) goes through node:http(s); anything else, and any redirect, goes through fetch, which follows it.
 */
import { REDIRECT_STATUSES, decodeBody, headersOf, transportFor } from "../../node-http.ts";

/** One HTTP exchange as the chat model records it: the status, the headers and the whole body as text. */
export interface ExchangeResponse {
  status: number;
  statusText: string;
  headers: Headers;
  body: string;
}

/** Sends one request and reads its whole answer. */
export type SendExchange = (input: string | URL | Request, init?: RequestInit) => Promise<ExchangeResponse>;

/** An exchange through `fetch` (a test's, or the global one): the answer read whole. */
export function fetchExchange(fetch: typeof globalThis.fetch): SendExchange {
  return async (input, init) => {
    const response = await fetch(input, init);
    return { status: response.status, statusText: response.statusText, headers: response.headers, body: await response.text() };
  };
}

/** An exchange through node:http(s) for a plain request, else through the global fetch. */
export function nodeHttpExchange(): SendExchange {
  const viaFetch = fetchExchange((input, init) => globalThis.fetch(input, init));
  return async (input, init = {}) => {
    const url = typeof input === "string" ? new URL(input) : input instanceof URL ? input : undefined;
    const body = init.body ?? undefined;
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || (body !== undefined && typeof body !== "string")) return viaFetch(input, init);
    const answer = await send(url, init, body);
    return answer === "redirect" ? viaFetch(input, init) : answer;
  };
}

function send(url: URL, init: RequestInit, body: string | undefined): Promise<ExchangeResponse | "redirect"> {
  // The client sends a Headers already: read as it is, not copied into another.
  const headers: Record<string, string> = Object.fromEntries(init.headers instanceof Headers ? init.headers : new Headers(init.headers));
  if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
  const { request, agent } = transportFor(url);
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: init.method ?? "GET", headers, agent, ...(init.signal ? { signal: init.signal } : {}) }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("aborted", () => reject(new Error(`the connection closed before the answer from ${url.origin} was complete`)));
      response.on("end", () => {
        const status = response.statusCode ?? 0;
        if (REDIRECT_STATUSES.has(status) && response.headers.location) return resolve("redirect");
        try {
          resolve({ status, statusText: response.statusMessage ?? "", headers: headersOf(response), body: decodeBody(Buffer.concat(chunks), response.headers["content-encoding"]).toString("utf8") });
        } catch (error) {
          reject(error);
        }
      });
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
