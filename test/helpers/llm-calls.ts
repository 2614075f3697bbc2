/** Reads what each chat completion the mock OpenAI server recorded asked, and answers with per-document topics. */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sha256 } from "../../src/hash.ts";
import { contentText, generateFromSchema, readPromptFacts } from "./mock-openai-answers.ts";
import type { MockScript, RecordedRequest } from "./mock-openai-server.ts";

/** One LLM call: its question, the documents of a batch question, the topic of a synthesis. */
export interface LlmCall {
  question: "context" | "summarize" | "topic" | "synthesize" | "unknown";
  documentIds: string[];
  topic?: string;
}

/** What a recorded chat completion asked (json_schema requests, the mock's default format). */
export function describeCall(request: RecordedRequest): LlmCall {
  const schemaName = request.body?.response_format?.json_schema?.name ?? request.body?.tools?.[0]?.function?.name;
  const last = contentText(request.body?.messages?.at(-1)?.content);
  const documentIds = readPromptFacts(request.body?.messages ?? []).documents.map((document) => document.id);
  if (schemaName === "product_context") return { question: "context", documentIds: [] };
  if (schemaName === "topic_guideline") return { question: "synthesize", documentIds: [], topic: /^Topic: (.+)$/m.exec(last)?.[1] ?? "" };
  const question = /^Question: (summarize|topic)\b/m.exec(last)?.[1] as "summarize" | "topic" | undefined;
  return question ? { question, documentIds } : { question: "unknown", documentIds };
}

/** A `respond` hook for the mock: schema answers naming topics and concepts after each document's headings, so each document feeds topics of its own. */
export function documentNamedAnswers(request: RecordedRequest): MockScript | undefined {
  const schema = request.body?.response_format?.json_schema?.schema;
  if (request.format !== "json_schema" || !schema) return undefined;
  return { answer: generateFromSchema(schema, readPromptFacts(request.body.messages), { documentNames: true }) };
}

/**
 * A route handler per file of `root` (path → handler) answering with an ETag of the current body, 304 to a
 * matching If-None-Match; `bodies` overrides a file's text, so a test can change a document between runs.
 */
export function etagSite(options: { root: string; bodies: Map<string, string> }): Map<string, (request: IncomingMessage, response: ServerResponse) => void> {
  const types: Record<string, string> = { md: "text/markdown; charset=utf-8", txt: "text/plain; charset=utf-8", html: "text/html; charset=utf-8" };
  const files = (folder: string): string[] => readdirSync(folder).flatMap((name) => (statSync(join(folder, name)).isDirectory() ? files(join(folder, name)) : [join(folder, name)]));
  const routes = new Map<string, (request: IncomingMessage, response: ServerResponse) => void>();
  for (const file of files(options.root)) {
    const path = `/${relative(options.root, file)}`;
    routes.set(path, (request, response) => {
      const body = options.bodies.get(path) ?? readFileSync(file, "utf8");
      const etag = `"${sha256(body).slice(0, 16)}"`;
      if (request.headers["if-none-match"] === etag) return void response.writeHead(304, { etag }).end();
      response.writeHead(200, { "content-type": types[file.split(".").pop()!] ?? "text/plain", etag }).end(body);
    });
  }
  return routes;
}
