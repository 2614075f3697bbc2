/** What document-it's two node:http(s) clients (the fetcher's and the LLM calls') share. */
import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

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
