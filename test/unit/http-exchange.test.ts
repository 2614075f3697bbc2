import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fetchExchange, nodeHttpExchange } from "../../src/providers/openai/http-exchange.ts";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

let server: Server;
let origin: string;
let seen: Seen[];
let handler: (request: IncomingMessage, response: ServerResponse, body: string) => void;

beforeEach(async () => {
  seen = [];
  handler = (_request, response, body) => void response.writeHead(200, { "content-type": "application/json", "x-ratelimit-remaining-requests": "59" }).end(JSON.stringify({ echo: body }));
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body });
      handler(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = (body: string) => ({ method: "POST", headers: { "content-type": "application/json", authorization: "Bearer sk-test" }, body });

describe("nodeHttpExchange", () => {
  it("sends what the global fetch sends and reads the same answer: status, headers and body", async () => {
    const body = JSON.stringify({ messages: [{ role: "user", content: "é".repeat(70_000) }] });
    const viaNode = await nodeHttpExchange()(`${origin}/v1/chat/completions`, post(body));
    const viaFetch = await fetchExchange(globalThis.fetch)(`${origin}/v1/chat/completions`, post(body));
    expect(seen.map((request) => [request.method, request.url, request.body === body, request.headers["content-type"], request.headers.authorization])).toEqual([
      ["POST", "/v1/chat/completions", true, "application/json", "Bearer sk-test"],
      ["POST", "/v1/chat/completions", true, "application/json", "Bearer sk-test"],
    ]);
    expect(viaNode.body).toBe(viaFetch.body);
    expect([viaNode.status, viaNode.statusText]).toEqual([viaFetch.status, viaFetch.statusText]);
    expect(viaNode.headers.get("x-ratelimit-remaining-requests")).toBe("59");
    expect(viaNode.headers.get("content-type")).toBe(viaFetch.headers.get("content-type"));
  });

  it("reads an error answer like any other", async () => {
    handler = (_request, response) => void response.writeHead(429, "Too Many Requests", { "retry-after": "2" }).end('{"error":{"message":"slow down"}}');
    const answer = await nodeHttpExchange()(`${origin}/v1/chat/completions`, post("{}"));
    expect([answer.status, answer.statusText, answer.headers.get("retry-after"), answer.body]).toEqual([429, "Too Many Requests", "2", '{"error":{"message":"slow down"}}']);
  });

  it("decodes a compressed answer, deflate raw or wrapped", async () => {
    for (const [coding, body] of [["gzip", gzipSync('{"ok":true}')], ["deflate", deflateSync('{"ok":true}')], ["deflate", deflateRawSync('{"ok":true}')]] as const) {
      handler = (_request, response) => void response.writeHead(200, { "content-encoding": coding }).end(body);
      expect((await nodeHttpExchange()(`${origin}/v1/chat/completions`, post("{}"))).body).toBe('{"ok":true}');
    }
  });

  it("follows a redirect through fetch", async () => {
    handler = (request, response, body) => {
      if (request.url === "/old/chat/completions") return void response.writeHead(307, { location: "/v1/chat/completions" }).end();
      response.writeHead(200).end(`moved: ${body}`);
    };
    const answer = await nodeHttpExchange()(`${origin}/old/chat/completions`, post('{"a":1}'));
    expect([answer.status, answer.body]).toEqual([200, 'moved: {"a":1}']);
    expect(seen.map((request) => request.url)).toEqual(["/old/chat/completions", "/old/chat/completions", "/v1/chat/completions"]);
  });

  it("stops when its signal aborts, with an AbortError as fetch's", async () => {
    handler = () => undefined;
    const controller = new AbortController();
    const answer = nodeHttpExchange()(`${origin}/v1/chat/completions`, { ...post("{}"), signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await expect(answer).rejects.toMatchObject({ name: "AbortError" });
  });

  it("rejects when nothing listens", async () => {
    const closed = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await expect(nodeHttpExchange()(`${closed}/v1/chat/completions`, post("{}"))).rejects.toMatchObject({ code: "ECONNREFUSED" });
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });

  it("sends a body that is not text through fetch", async () => {
    const answer = await nodeHttpExchange()(`${origin}/v1/files`, { method: "POST", body: new Uint8Array([104, 105]) });
    expect([answer.status, seen[0]!.body]).toEqual([200, "hi"]);
  });
});
