/** What document-it's HTTP clients share: the fetcher's and the LLM calls' node:http(s) transports, the fetch-based one. */
import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from "node:http";
import buffer from "node:buffer";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from "node:zlib";

/** The statuses an answer redirects with (its `location` says where). */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/** The request function and keep-alive agent for a URL's protocol (http: or https:). */
export function transportFor(url: URL): { request: typeof httpRequest; agent: HttpAgent } {
  return url.protocol === "https:" ? { request: httpsRequest, agent: agents.https } : { request: httpRequest, agent: agents.http };
}

/** An answer's headers as fetch gives them, every value of a repeated header kept. */
export function headersOf(response: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = response.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) headers.append(raw[index]!, raw[index + 1]!);
  return headers;
}

/**
 * A body decoded as its content-encoding says, as fetch decodes it: gzip, deflate (zlib-wrapped, or raw as some servers
 * send it) and br. Past `maxBytes` decoded bytes it throws a RangeError (code ERR_BUFFER_TOO_LARGE).
 */
export function decodeBody(bytes: Buffer, encoding: string | undefined, maxBytes = Number.MAX_SAFE_INTEGER): Buffer {
  const coding = encoding?.trim().toLowerCase();
  const limit = { maxOutputLength: Math.min(maxBytes, buffer.kMaxLength) };
  if (coding === "gzip" || coding === "x-gzip") return gunzipSync(bytes, limit);
  if (coding === "br") return brotliDecompressSync(bytes, limit);
  if (coding !== "deflate") return bytes;
  try {
    return inflateSync(bytes, limit);
  } catch (error) {
    if ((error as { code?: string }).code !== "Z_DATA_ERROR") throw error;
    return inflateRawSync(bytes, limit);
  }
}
