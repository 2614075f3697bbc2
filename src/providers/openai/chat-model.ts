import { ChatOpenAI } from "@langchain/openai";
import { fetchExchange, nodeHttpExchange } from "./http-exchange.ts";

/** The last HTTP exchange of one attempt, as the wire carried it (the SDK hides bodies of answers it fails to parse). */
export interface HttpExchange {
  status?: number;
  headers?: Headers;
  body?: string;
  /** Called once the response has arrived whole, before the client parses it (a throttle's release). */
  onResponse?: Array<() => void>;
}

/** Settings of the chat models an analyser creates. */
export interface ChatModelSettings {
  baseUrl?: string;
  apiKey: string;
  timeoutMs: number;
  temperature?: number;
  maxOutputTokens?: number;
  /** The fetch the OpenAI client uses; by default node:http(s) for its plain requests (see http-exchange.ts). */
  fetch?: typeof globalThis.fetch;
}

/** A chat model lent to one attempt: HTTP it sends is recorded into `exchange`; `memo` keeps what is built on it. */
export interface LentChatModel {
  chat: ChatOpenAI;
  exchange: HttpExchange;
  /** Runnables built on this model (structured output per schema and method), kept while it is pooled. */
  memo: Map<unknown, unknown>;
}

// Statuses whose response may carry no body: a Response built with one throws.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** Chat models lent one attempt at a time, per model name. */
export interface ChatModelPool {
  /** A model for one attempt, with a fresh exchange; give it back with `release` once the attempt has settled. */
  lend(model: string): LentChatModel;
  release(model: string, lent: LentChatModel): void;
}

/**
 * Chat models that record their HTTP exchange. Retries are off: the caller retries, so one limiter can see every
 * attempt. A model serves one attempt at a time, so its exchange is unambiguous under concurrency, and is lent again
 * afterwards: creating a ChatOpenAI, its OpenAI client and its structured-output runnables for every attempt cost more
 * CPU than the request's own work. A response that arrives after its attempt gave up lands in that attempt's exchange,
 * never in a later one's.
 */
export function createChatModelPool(settings: ChatModelSettings): ChatModelPool {
  const idle = new Map<string, LentChatModel[]>();
  return {
    lend(model) {
      const lent = idle.get(model)?.pop() ?? create(model);
      lent.exchange = {};
      return lent;
    },
    release(model, lent) {
      const models = idle.get(model) ?? [];
      idle.set(model, models);
      models.push(lent);
    },
  };

  function create(model: string): LentChatModel {
    const sendExchange = settings.fetch ? fetchExchange(settings.fetch) : nodeHttpExchange();
    const recordingFetch: typeof globalThis.fetch = async (input, init) => {
      // The exchange of the attempt that sent the request, as of sending.
      const exchange = lent.exchange;
      const response = await sendExchange(input, init);
      exchange.status = response.status;
      exchange.headers = response.headers;
      exchange.body = response.body;
      const listeners = exchange.onResponse?.splice(0) ?? [];
      for (const listener of listeners) listener();
      // Answers arrive in waves; the requests their freed slots admit go out before this answer's parsing and its
      // node's work take the thread, instead of after every answer of the wave has been handled.
      if (listeners.length > 0) await new Promise((resolve) => setImmediate(resolve));
      // The client gets the answer as a response of its own, read from the recorded text.
      return new Response(NULL_BODY_STATUSES.has(response.status) ? null : response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
    const chat = new ChatOpenAI({
      model,
      apiKey: settings.apiKey,
      maxRetries: 0,
      timeout: settings.timeoutMs,
      useResponsesApi: false,
      ...(settings.temperature === undefined ? {} : { temperature: settings.temperature }),
      ...(settings.maxOutputTokens === undefined ? {} : { maxTokens: settings.maxOutputTokens }),
      configuration: { fetch: recordingFetch, ...(settings.baseUrl === undefined ? {} : { baseURL: settings.baseUrl }) },
    });
    const lent: LentChatModel = { chat, exchange: {}, memo: new Map<unknown, unknown>() };
    return lent;
  }
}
